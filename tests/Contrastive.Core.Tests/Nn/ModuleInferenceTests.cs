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
}
