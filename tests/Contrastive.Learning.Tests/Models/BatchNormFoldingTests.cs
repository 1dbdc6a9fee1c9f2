using Contrastive.Data;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Testing;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Models;

/// <summary>Folded encoders against their unfolded eval-mode outputs, with non-trivial running statistics.</summary>
public class BatchNormFoldingTests
{
    private static void AssertFoldedMatches(Module model, Tensor input)
    {
        model.Eval();
        using var _ = Autograd.NoGrad();
        var expected = model.Forward(input);
        var folded = BatchNormFolding.TryFold(model);
        Assert.NotNull(folded);
        TensorAssert.Close(expected, folded!.Forward(input), $"folded {model.GetType().Name}", rel: 1e-4, abs: 1e-5);
    }

    [Fact]
    public void Bench_encoder_folds_to_the_same_eval_outputs()
    {
        var model = TrainedStatistics.Apply(new BenchEncoder(new Rng(1)), 2);
        AssertFoldedMatches(model, Tensor.Uniform(new Rng(3), 0, 1, 4, 1, 12, 12));
        // The folded copy is a snapshot: its structure is conv+ReLU three times, then pooling, with no BN left.
        var folded = (Sequential)BatchNormFolding.TryFold(model)!;
        Assert.Equal(4, folded.Layers.Count);
        Assert.Empty(folded.Parameters());
    }

    [Fact]
    public void An_adapter_on_a_grid_read_out_folds_with_the_encoder()
    {
        var model = TrainedStatistics.Apply(new BenchEncoder(new Rng(1), 1, new ReadoutGrid(2, Adapter: 6)), 2);
        Assert.Equal(6, model.OutputDim);
        AssertFoldedMatches(model, Tensor.Uniform(new Rng(3), 0, 1, 4, 1, 12, 12));
        // conv+ReLU three times, the grid pooling, then the adapter as one fused Linear+ReLU
        var folded = (Sequential)BatchNormFolding.TryFold(model)!;
        Assert.Equal(5, folded.Layers.Count);
        Assert.IsType<FusedLinear>(folded.Layers[^1]);
    }

    [Fact]
    public void ResNet18_folds_to_the_same_eval_outputs()
    {
        var model = TrainedStatistics.Apply(new ResNet18(new Rng(4), inChannels: 3, width: 4), 5);
        AssertFoldedMatches(model, Tensor.Uniform(new Rng(6), 0, 1, 2, 3, 16, 16));
    }

    [Fact]
    public void Mlp_and_projection_head_fold_to_the_same_eval_outputs()
    {
        AssertFoldedMatches(TrainedStatistics.Apply(new MlpEncoder(new Rng(7), 12, [10, 6], 5), 8), Tensor.Uniform(new Rng(9), -1, 1, 5, 3, 2, 2));
        AssertFoldedMatches(TrainedStatistics.Apply(Heads.Projection(new Rng(10), 6, 8, 4), 11), Tensor.Uniform(new Rng(12), -1, 1, 5, 6));
    }

    [Fact]
    public void Two_tower_model_folds_to_its_image_side()
    {
        var towers = TwoTowers(new Rng(16));
        AssertFoldedMatches(towers, Tensor.Uniform(new Rng(18), 0, 1, 3, 1, 12, 12));
        var folded = (Sequential)BatchNormFolding.TryFold(towers)!;
        Assert.IsType<FusedLinear>(folded.Layers[^1]); // the projection into the joint space
    }

    /// <summary>A CLIP two-tower model on the bench ConvNet with trained-looking statistics and a small text tower.</summary>
    internal static TwoTowerModel TwoTowers(Rng rng) => new(
        TrainedStatistics.Apply(new BenchEncoder(rng), 17),
        new TransformerTextEncoder(rng, new TextEncoderOptions(9, 4) { ModelDim = 4, Heads = 2, FeedForwardDim = 4, Layers = 1 }),
        embedDim: 6,
        rng);

    [Fact]
    public void Unknown_layers_are_not_folded()
    {
        Assert.Null(BatchNormFolding.TryFold(new Sequential(new Linear(3, 4, new Rng(1)), new Tanh())));
        Assert.Null(BatchNormFolding.TryFold(new Sequential(new BatchNorm1d(3))));
        Assert.Null(BatchNormFolding.TryFold(new Tanh()));
    }

    [Fact]
    public void Embedder_output_is_unchanged_by_folding_and_leaves_the_mode_alone()
    {
        var model = TrainedStatistics.Apply(new BenchEncoder(new Rng(13)), 14);
        var pixels = Tensor.Uniform(new Rng(15), 0, 1, 5, 1, 10, 10).ToArray();
        var data = new ImageDataset(pixels, 5, 1, 10, 10, null, null, "test images");
        var embedded = Embedder.Embed(model, data, batchSize: 2);
        Assert.True(model.Training);
        model.Eval();
        using var _ = Autograd.NoGrad();
        TensorAssert.Close(model.Forward(new Tensor(pixels, [5, 1, 10, 10])), embedded, "embeddings");
    }
}
