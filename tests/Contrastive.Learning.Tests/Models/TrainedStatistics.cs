using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Learning.Tests.Models;

/// <summary>Makes a fresh model look trained to its batch-norm layers, so folding and export have real work to do.</summary>
internal static class TrainedStatistics
{
    /// <summary>Gives every batch-norm of <paramref name="model"/> random affine parameters and running statistics.</summary>
    public static T Apply<T>(T model, ulong seed) where T : Module
    {
        var rng = new Rng(seed);
        foreach (var bn in Modules(model).OfType<BatchNormBase>())
        {
            foreach (var t in new[] { bn.Weight, bn.Bias, bn.RunningMean }) Fill(t, -0.5f, 1.5f);
            Fill(bn.RunningVar, 0.2f, 2f);
        }
        return model;

        void Fill(Tensor t, float low, float high) => Tensor.Uniform(rng, low, high, t.Shape.ToArray()).Span.CopyTo(t.Span);
    }

    private static IEnumerable<Module> Modules(Module m) => m.Children.SelectMany(c => Modules(c.Module)).Prepend(m);
}
