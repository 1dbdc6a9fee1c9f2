using Contrastive.Models;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Models;

/// <summary>The bench ConvNet's grid representation: what downstream code sees, what the heads read, and that the
/// weights (and PyTorch state keys) do not depend on the grid.</summary>
public class BenchEncoderGridTests
{
    [Fact]
    public void A_grid_representation_is_the_adaptive_average_of_the_last_feature_map_and_the_heads_read_its_mean_cell()
    {
        var global = new BenchEncoder(new Rng(3));
        var grid = new BenchEncoder(new Rng(3), poolGrid: 3);
        Assert.Equal(global.StateEntries().Select(e => e.Name), grid.StateEntries().Select(e => e.Name));
        Assert.Equal((128, 128), (global.OutputDim, ((IEncoder)global).HeadInputDim));
        Assert.Equal((1152, 128), (grid.OutputDim, ((IEncoder)grid).HeadInputDim));

        var images = Tensor.Uniform(new Rng(4), 0, 1, 2, 1, 28, 28);
        var representation = grid.Inference(() => grid.Forward(images));
        Assert.Equal([2, 1152], representation.Shape.ToArray());
        var cells = Ops.Reshape(representation, 2, 128, 9).ToArray();
        var meanCell = grid.HeadInput(representation).ToArray();
        for (var i = 0; i < 2 * 128; i++)
            Assert.Equal(cells.AsSpan(i * 9, 9).ToArray().Average(), meanCell[i], 5);

        // the global encoder's head input is its representation, unchanged
        var pooled = global.Inference(() => global.Forward(images));
        Assert.Same(pooled, ((IEncoder)global).HeadInput(pooled));
    }

    [Fact]
    public void A_band_grid_averages_each_band_of_rows_over_all_columns()
    {
        var global = new BenchEncoder(new Rng(3));
        var bands = new BenchEncoder(new Rng(3), 1, new ReadoutGrid(4, 1));
        Assert.Equal((512, 128), (bands.OutputDim, ((IEncoder)bands).HeadInputDim));

        // a 32 x 20 input gives an 8 x 5 map: four bands of two rows, each over all five columns
        var input = Tensor.Uniform(new Rng(7), 0, 1, 2, 1, 32, 20);
        var representation = bands.Inference(() => bands.Forward(input));
        Assert.Equal([2, 512], representation.Shape.ToArray());
        TensorAssert.Close(global.Inference(() => global.Forward(input)), bands.HeadInput(representation), "mean of the bands");
    }

    [Fact]
    public void Heads_that_read_the_grid_see_the_whole_representation()
    {
        var rng = new Rng(8);
        var encoder = new BenchEncoder(rng, 1, new ReadoutGrid(4, 1, HeadReadsGrid: true));
        Assert.Equal((512, 512), (encoder.OutputDim, ((IEncoder)encoder).HeadInputDim));
        var model = new EmbeddingModel(encoder, Heads.Projection(rng, 512, 16, 8));
        var input = Tensor.Uniform(new Rng(9), 0, 1, 2, 1, 32, 20);
        var representation = model.Inference(() => model.Represent(input));
        Assert.Same(representation, model.HeadInput(representation));
        Assert.Equal([2, 8], model.Inference(() => model.Forward(input)).Shape.ToArray());
    }

    [Fact]
    public void The_projection_of_an_embedding_model_reads_the_mean_cell()
    {
        var rng = new Rng(5);
        var model = new EmbeddingModel(new BenchEncoder(rng, poolGrid: 2), Heads.Projection(rng, 128, 16, 8));
        var images = Tensor.Uniform(new Rng(6), 0, 1, 3, 1, 12, 12);
        var (projection, expected) = model.Inference(() => (model.Forward(images), model.Head!.Forward(model.HeadInput(model.Represent(images)))));
        Assert.Equal([3, 8], projection.Shape.ToArray());
        TensorAssert.Close(expected, projection, "projection");
    }

    [Fact]
    public void A_pool_grid_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BenchEncoder(new Rng(1), poolGrid: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BenchEncoder(new Rng(1), 1, new ReadoutGrid(2, 0)));
    }

    [Fact]
    public void A_width_multiplier_scales_every_block_and_keeps_the_state_keys()
    {
        var narrow = new BenchEncoder(new Rng(3), 1, new ReadoutGrid(3));
        var wide = new BenchEncoder(new Rng(3), 1, new ReadoutGrid(3), width: 2);
        Assert.Equal(narrow.StateEntries().Select(e => e.Name), wide.StateEntries().Select(e => e.Name));
        Assert.Equal((2304, 256), (wide.OutputDim, ((IEncoder)wide).HeadInputDim));
        var weights = wide.StateEntries().ToDictionary(e => e.Name, e => e.Tensor.Shape.ToArray());
        Assert.Equal([64, 1, 3, 3], weights["net.0.0.weight"]);
        Assert.Equal([128, 64, 3, 3], weights["net.1.0.weight"]);
        Assert.Equal([256, 128, 3, 3], weights["net.2.0.weight"]);
        var images = Tensor.Uniform(new Rng(4), 0, 1, 2, 1, 28, 28);
        Assert.Equal([2, 2304], wide.Inference(() => wide.Forward(images)).Shape.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => new BenchEncoder(new Rng(1), 1, ReadoutGrid.Global, width: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BenchEncoder(new Rng(1), 1, ReadoutGrid.Global, width: BenchEncoder.MaxWidth + 1));
    }
}
