using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Core.Tests.Nn;

public class ModuleInferenceTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Inference_runs_in_eval_mode_without_gradients_and_restores_the_mode(bool training)
    {
        var layer = new Linear(3, 2, new Rng(1));
        layer.Train(training);
        var (wasTraining, tracked) = layer.Inference(() => (layer.Training, Autograd.IsEnabled));
        Assert.False(wasTraining);
        Assert.False(tracked);
        Assert.Equal(training, layer.Training);
        Assert.True(Autograd.IsEnabled);

        Assert.Throws<InvalidOperationException>(() => layer.Inference<int>(() => throw new InvalidOperationException()));
        Assert.Equal(training, layer.Training);
        Assert.True(Autograd.IsEnabled);
    }

    [Fact]
    public void Inference_gives_every_module_its_own_mode_back()
    {
        // a model in training whose first layer is frozen in eval mode (batch statistics fixed), as --train-blocks leaves it
        var frozen = new BatchNorm1d(3);
        var model = new Sequential(frozen, new Linear(3, 2, new Rng(2)));
        model.Train(true);
        frozen.Train(false);

        var during = model.Inference(() => model.Modules().Select(m => m.Training).ToArray());

        Assert.All(during, Assert.False);
        Assert.Equal([true, false, true], model.Modules().Select(m => m.Training));
    }
}
