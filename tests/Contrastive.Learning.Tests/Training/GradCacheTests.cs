using Contrastive.Losses;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Runs;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Training;

/// <summary>GradCache gradients against the full-batch (or per-chunk) graph, for NT-Xent, InfoNCE and CLIP.</summary>
public class GradCacheTests
{
    private static Sequential Mlp(ulong seed, int input = 5, int output = 4) => new(
        new Linear(input, 7, new Rng(seed)), new Tanh(), new Linear(7, output, new Rng(seed + 1)));

    private static Tensor Batch(int seed, params int[] shape) => Tensor.Uniform(new Rng((ulong)seed), -1, 1, shape);

    private static Dictionary<string, Tensor> Grads(Module model) =>
        model.NamedParameters().ToDictionary(p => p.Name, p => p.Tensor.Grad?.Detach() ?? throw new InvalidOperationException($"{p.Name} has no gradient"));

    private static void AssertSameGrads(Module expected, Module actual)
    {
        var e = Grads(expected);
        foreach (var (name, grad) in Grads(actual)) TensorAssert.Close(e[name], grad, $"grad of {name}");
    }

    [Fact]
    public void Nt_xent_gradients_equal_the_full_batch_without_batch_norm()
    {
        var (full, cached) = (Mlp(1), Mlp(1));
        var (x1, x2) = (Batch(2, 11, 5), Batch(3, 11, 5));
        var expected = NtXentLoss.Compute(full.Forward(x1), full.Forward(x2), 0.5f);
        expected.Backward();
        var loss = new GradCache(4).Backward([new(cached, x1), new(cached, x2)], z => NtXentLoss.Compute(z[0], z[1], 0.5f));
        TensorAssert.Close(expected.Item(), loss.Item(), "loss");
        AssertSameGrads(full, cached);
    }

    [Fact]
    public void SimClr_on_the_bench_encoder_with_eval_batch_norm_matches_the_full_batch()
    {
        static EmbeddingModel Model() => new(new BenchEncoder(new Rng(7)), Heads.Projection(new Rng(8), 128, 16, 8));
        var views = new[] { Batch(4, 6, 1, 8, 8), Batch(5, 6, 1, 8, 8) };
        var batch = new TrainingBatch(views, null, [0, 1, 2, 3, 4, 5], 0);
        var full = new SimClr(Model());
        var cached = new SimClr(Model()) { GradCache = new GradCache(4) };
        full.Train(false);
        cached.Train(false);
        TensorAssert.Close(full.ComputeGradients(batch), cached.ComputeGradients(batch), "loss");
        AssertSameGrads(full.Model, cached.Model);
    }

    [Theory]
    [InlineData("pairs")]
    [InlineData("triplet")]
    public void Sentence_embedding_gradients_equal_the_full_batch(string method)
    {
        // token ids (B, T) as whole-number floats; no dropout, so both passes of the cache see the same encoder
        static TransformerTextEncoder Encoder() => new(new Rng(11), new TextEncoderOptions(20, 6) { ModelDim = 8, Heads = 2, Layers = 1 });
        Tensor Ids(int seed) => new(Enumerable.Range(0, 7 * 6).Select(i => (float)((i * 7 + seed * 13) % 19 + 1)).ToArray(), [7, 6]);
        var views = method == "triplet" ? new[] { Ids(1), Ids(2), Ids(3) } : [Ids(1), Ids(2)];
        var batch = new TrainingBatch(views, null, Enumerable.Range(0, 7).ToArray(), 0);
        var full = new SentenceEmbedding(method, Encoder(), 0.05f, views.Length);
        var cached = new SentenceEmbedding(method, Encoder(), 0.05f, views.Length) { GradCache = new GradCache(3) };
        TensorAssert.Close(full.ComputeGradients(batch), cached.ComputeGradients(batch), "loss");
        AssertSameGrads(full.Model, cached.Model);
    }

    [Fact]
    public void MoCo_info_nce_gradients_and_queue_equal_the_full_batch()
    {
        MoCo Create(GradCache? cache) => new(new EmbeddingModel(Mlp(9), null), () => new EmbeddingModel(Mlp(9), null), keyDim: 4, seed: 3,
            queueSize: 16, momentum: 0.9f, keyGroups: 2)
        { GradCache = cache };
        var batch = new TrainingBatch([Batch(6, 10, 5), Batch(7, 10, 5)], null, Enumerable.Range(0, 10).ToArray(), 5);
        var (full, cached) = (Create(null), Create(new GradCache(3)));
        TensorAssert.Close(full.ComputeGradients(batch), cached.ComputeGradients(batch), "loss");
        AssertSameGrads(full.Model, cached.Model);
        full.AfterStep(new TrainingProgress(5, 10));
        cached.AfterStep(new TrainingProgress(5, 10));
        var queue = cached.ExtraState().Single(e => e.Name == "queue").Tensor;
        TensorAssert.Close(full.ExtraState().Single(e => e.Name == "queue").Tensor, queue, "queue after enqueue");
    }

    [Fact]
    public void Clip_gradients_of_both_towers_and_the_logit_scale_equal_the_full_batch()
    {
        var (images, texts) = (Batch(8, 9, 5), Batch(9, 9, 3));
        Sequential ImageTower() => Mlp(11, 5, 4);
        Sequential TextTower() => Mlp(13, 3, 4);
        var (fullImage, fullText, fullScale) = (ImageTower(), TextTower(), Tensor.Parameter([2f]));
        var expected = ClipLoss.Compute(fullImage.Forward(images), fullText.Forward(texts), fullScale);
        expected.Backward();
        var (image, text, scale) = (ImageTower(), TextTower(), Tensor.Parameter([2f]));
        var loss = new GradCache(2).Backward([new(image, images), new(text, texts)], r => ClipLoss.Compute(r[0], r[1], scale));
        TensorAssert.Close(expected.Item(), loss.Item(), "loss");
        AssertSameGrads(fullImage, image);
        AssertSameGrads(fullText, text);
        TensorAssert.Close(fullScale.Grad!, scale.Grad, "logit scale grad");
    }

    [Fact]
    public void Train_mode_batch_norm_matches_a_per_chunk_model_and_updates_running_stats_once_per_chunk()
    {
        static Module Model() => new MlpEncoder(new Rng(21), 6, [8], 4);
        var (x1, x2) = (Batch(10, 9, 6), Batch(11, 9, 6));
        var reference = Model();
        // 9 samples in chunks of at most 4: three chunks of 3.
        Tensor PerChunk(Tensor x) => Ops.Concat([reference.Forward(Ops.Narrow(x, 0, 0, 3)), reference.Forward(Ops.Narrow(x, 0, 3, 3)),
            reference.Forward(Ops.Narrow(x, 0, 6, 3))], 0);
        NtXentLoss.Compute(PerChunk(x1), PerChunk(x2), 0.5f).Backward();
        var cached = Model();
        new GradCache(4).Backward([new(cached, x1), new(cached, x2)], z => NtXentLoss.Compute(z[0], z[1], 0.5f));
        AssertSameGrads(reference, cached);
        var buffers = reference.NamedBuffers().ToDictionary(b => b.Name, b => b.Tensor);
        foreach (var (name, buffer, _) in cached.NamedBuffers()) TensorAssert.Close(buffers[name], buffer, name);
        Assert.Equal(6f, cached.NamedBuffers().First(b => b.Name.EndsWith("num_batches_tracked", StringComparison.Ordinal)).Tensor.Item());
    }

    [Fact]
    public void Dropout_masks_are_identical_in_both_passes()
    {
        static (Sequential Model, Rng Rng) Model()
        {
            var rng = new Rng(31);
            return (new Sequential(new Linear(5, 6, new Rng(30)), new Dropout(0.5f, rng), new Linear(6, 3, new Rng(32))), rng);
        }
        var x = Batch(12, 7, 5);
        var (reference, referenceRng) = Model();
        // 7 samples in chunks of at most 3: sizes 2, 2, 3.
        var z = Ops.Concat([reference.Forward(Ops.Narrow(x, 0, 0, 2)), reference.Forward(Ops.Narrow(x, 0, 2, 2)), reference.Forward(Ops.Narrow(x, 0, 4, 3))], 0);
        Ops.Sum(Ops.Square(z)).Backward();
        var (cached, cachedRng) = Model();
        new GradCache(3).Backward([new(cached, x)], r => Ops.Sum(Ops.Square(r[0])));
        AssertSameGrads(reference, cached);
        Assert.Equal(referenceRng.GetState(), cachedRng.GetState());
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Contains("chunk size", Assert.Throws<ArgumentOutOfRangeException>(() => new GradCache(0)).Message, StringComparison.Ordinal);
        var model = Mlp(1);
        var e = Assert.Throws<ArgumentException>(() => new GradCache(2).Backward([new(model, Batch(1, 4, 5))], r => r[0]));
        Assert.Contains("scalar", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_option_reaches_simclr_and_moco_and_is_rejected_elsewhere()
    {
        var input = InputGeometry.Table(6);
        var simclr = (SimClr)MethodFactory.Create(new TrainConfig { Arch = "mlp", GradCacheChunk = 32 }, input, 0);
        Assert.Equal(32, simclr.GradCache!.ChunkSize);
        var moco = (MoCo)MethodFactory.Create(new TrainConfig { Method = "moco", Arch = "mlp", GradCacheChunk = 16 }, input, 0);
        Assert.Equal(16, moco.GradCache!.ChunkSize);
        Assert.Null(((SimClr)MethodFactory.Create(new TrainConfig { Arch = "mlp" }, input, 0)).GradCache);
        Assert.Contains("grad-cache-chunk", Assert.Throws<ArgumentException>(() => new TrainConfig { Method = "byol", GradCacheChunk = 8 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("grad-cache-chunk", Assert.Throws<ArgumentException>(() => new TrainConfig { GradCacheChunk = 0 }.Validate()).Message, StringComparison.Ordinal);
    }
}
