namespace Contrastive.Distributed;

/// <summary>A run of one process: every collective is a copy (or nothing).</summary>
public sealed class SingleProcess : IProcessGroup
{
    /// <summary>The one instance.</summary>
    public static SingleProcess Instance { get; } = new();

    private SingleProcess() { }

    /// <inheritdoc />
    public int Rank => 0;

    /// <inheritdoc />
    public int Size => 1;

    /// <inheritdoc />
    public TimeSpan CommunicationTime => TimeSpan.Zero;

    /// <inheritdoc />
    public void AllReduceSum(Span<float> values) { }

    /// <inheritdoc />
    public void AllGather(ReadOnlySpan<float> local, Span<float> all) => CopyBlock(local, all);

    /// <inheritdoc />
    public void ReduceScatterSum(ReadOnlySpan<float> all, Span<float> own) => CopyBlock(all, own);

    /// <inheritdoc />
    public void Broadcast(Span<float> values, int root)
    {
        if (root != 0) throw new ArgumentOutOfRangeException(nameof(root), $"broadcast root {root} is not a rank of a single process");
    }

    private static void CopyBlock(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (source.Length != destination.Length)
            throw new ArgumentException($"a single process's block has {source.Length} values, the destination {destination.Length}");
        source.CopyTo(destination);
    }
}
