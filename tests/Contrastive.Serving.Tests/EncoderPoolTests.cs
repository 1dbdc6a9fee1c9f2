using Contrastive.Data;
using Contrastive.Data.Formats.Images;
using Contrastive.Models;
using Contrastive.Tensors;
using Contrastive.Training;

namespace Contrastive.Serving.Tests;

/// <summary>The service's encoder replicas: never shared by two requests at once, used side by side, and giving the
/// embeddings one encoder gives.</summary>
public sealed class EncoderPoolTests
{
    private static EncoderReplica Replica(int seed = 5) => new(new BenchEncoder(new Rng((ulong)seed), inChannels: 1));

    [Fact]
    public async Task A_replica_serves_one_caller_at_a_time_and_replicas_work_side_by_side()
    {
        var pool = new EncoderPool(Replica(), Replica(), Replica());
        var inUse = new System.Collections.Concurrent.ConcurrentDictionary<EncoderReplica, int>();
        using var threeInside = new CountdownEvent(3);
        using var release = new ManualResetEventSlim();
        int entered = 0, running = 0, mostAtOnce = 0, shared = 0;
        // six callers on dedicated threads; the first three to get a replica hold it until released
        var callers = Enumerable.Range(0, 6).Select(_ => Task.Factory.StartNew(() => pool.Use(replica =>
        {
            if (inUse.AddOrUpdate(replica, 1, (_, n) => n + 1) > 1) Interlocked.Increment(ref shared);
            InterlockedMax(ref mostAtOnce, Interlocked.Increment(ref running));
            if (Interlocked.Increment(ref entered) <= 3) threeInside.Signal();
            release.Wait(TimeSpan.FromSeconds(30));
            Interlocked.Decrement(ref running);
            inUse.AddOrUpdate(replica, 0, (_, n) => n - 1);
            return 0;
        }), TaskCreationOptions.LongRunning)).ToArray();
        Assert.True(threeInside.Wait(TimeSpan.FromSeconds(30)), "three callers never held replicas at the same time");
        Thread.Sleep(50); // a fourth caller would get in now if the pool let it
        Assert.Equal(3, Volatile.Read(ref running));
        release.Set();
        await Task.WhenAll(callers);
        Assert.Equal(3, mostAtOnce);
        Assert.Equal(0, shared);
        Assert.Equal(6, entered);
    }

    [Fact]
    public async Task Concurrent_requests_get_the_embeddings_of_one_encoder()
    {
        var gallery = new ImageDataset([.. Enumerable.Range(0, 6 * 144).Select(i => (i * 37 % 101) / 100f)], 6, 1, 12, 12, null, null, "gallery");
        var single = Replica(7).Encoder;
        var expected = Embedder.Embed(single, gallery);
        var pool = EncoderPool.Load(2, _ => Replica(7));
        var service = new EmbeddingService("test", pool, new ImageQueryDecoder(1, 12, 12), expected, new Gallery("gallery", null, null));
        string Png(int i) => Convert.ToBase64String(PngEncoder.Encode(gallery.Image(i).ToArray(), 1, 12, 12));
        var queries = Enumerable.Range(0, 6).Select(i => new QueryItems { Images = [Png(i)] }).ToArray();
        var solo = queries.Select(q => service.Embed(q).ToArray()).ToArray();
        var together = await Task.WhenAll(Enumerable.Range(0, 24).Select(r => Task.Run(() => (Row: r % 6, Values: service.Embed(queries[r % 6]).ToArray()))));
        Assert.All(together, t => Assert.Equal(solo[t.Row], t.Values));
        Assert.Equal(2, service.Encoders);
    }

    [Fact]
    public void Bad_pools_are_named()
    {
        Assert.Contains("at least one replica", Assert.Throws<ArgumentException>(() => new EncoderPool()).Message);
        var rng = new Rng(21);
        var tokenizer = Data.Text.WordTokenizer.Build(["a dark square"], 8);
        var towers = new TwoTowerModel(new MlpEncoder(rng, 16, [12], 10),
            new TransformerTextEncoder(rng, new TextEncoderOptions(tokenizer.VocabularySize, 8) { ModelDim = 8, Heads = 2, Layers = 1 }), embedDim: 6, rng);
        var text = new EncoderReplica(towers, new TextQueryEncoder(towers, tokenizer, 8));
        Assert.Contains("every replica", Assert.Throws<ArgumentException>(() => new EncoderPool(Replica(), text)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => EncoderPool.Load(0, _ => Replica()));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }
}
