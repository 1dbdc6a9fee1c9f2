using System.Collections.Concurrent;

namespace Contrastive.Serving;

/// <summary>
/// A fixed set of interchangeable <see cref="EncoderReplica"/>s: each request borrows one for its forward pass, so up to
/// <see cref="Count"/> requests encode at once, and the others wait for a replica to come back. The replicas hold the
/// same weights (loaded separately, as modules keep per-call state and are not safe to share between threads).
/// </summary>
public sealed class EncoderPool
{
    private readonly BlockingCollection<EncoderReplica> _idle;

    /// <summary>Creates a pool of <paramref name="replicas"/>.</summary>
    /// <exception cref="ArgumentException">No replica is given, or the replicas differ in whether they embed texts.</exception>
    public EncoderPool(params EncoderReplica[] replicas)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        if (replicas.Length == 0) throw new ArgumentException("an encoder pool needs at least one replica", nameof(replicas));
        if (replicas.Any(r => r is null)) throw new ArgumentException("an encoder pool's replicas must not be null", nameof(replicas));
        if (replicas.Any(r => (r.Texts is null) != (replicas[0].Texts is null)))
            throw new ArgumentException("either every replica of a pool embeds texts or none does", nameof(replicas));
        (_idle, Count, EmbedsTexts) = (new BlockingCollection<EncoderReplica>(new ConcurrentBag<EncoderReplica>(replicas)), replicas.Length, replicas[0].Texts is not null);
    }

    /// <summary>Builds a pool of <paramref name="count"/> replicas, replica i made by <paramref name="load"/>(i).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public static EncoderPool Load(int count, Func<int, EncoderReplica> load)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentNullException.ThrowIfNull(load);
        return new EncoderPool([.. Enumerable.Range(0, count).Select(load)]);
    }

    /// <summary>Replicas in the pool: requests that can encode at once.</summary>
    public int Count { get; }

    /// <summary>True when the replicas embed text queries.</summary>
    public bool EmbedsTexts { get; }

    /// <summary>Runs <paramref name="body"/> on a replica no other caller is using, waiting for one if all are busy.</summary>
    public T Use<T>(Func<EncoderReplica, T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var replica = _idle.Take();
        try
        {
            return body(replica);
        }
        finally
        {
            _idle.Add(replica);
        }
    }
}
