using Contrastive.Models;
using Contrastive.Runs;

namespace Contrastive.Learning.Tests.Models;

/// <summary>The BYOL and SimSiam predictor heads.</summary>
public class PredictorTests
{
    [Theory]
    [InlineData("simsiam", 32)] // a quarter of the 128-d projection, as the paper's 2048-512-2048
    [InlineData("byol", 16)] // the configured hidden width
    public void Predictor_hidden_width_is_a_bottleneck_for_simsiam_only(string method, int hidden)
    {
        var config = new TrainConfig { Method = method, Arch = "mlp", HiddenDim = 16 };
        var model = MethodFactory.CreateModel(config, InputGeometry.Table(6), 0, 1, withPredictor: true);
        var first = model.StateEntries().Single(e => e.Name == "predictor.0.weight").Tensor;
        Assert.Equal([hidden, 128], first.Shape);
    }
}
