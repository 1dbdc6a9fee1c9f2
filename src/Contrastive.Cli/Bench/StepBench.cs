using System.Diagnostics;
using Contrastive.Losses;
using Contrastive.Models;
using Contrastive.Optim;
using Contrastive.Tensors;

namespace Contrastive.Cli.Bench;

/// <summary>
/// <c>bench step</c>: the SimCLR training step of the bench model on fixed random views, exactly as the PyTorch peer's
/// <c>step</c> mode: two forward calls (one per view), NT-Xent (T = 0.5), backward, SGD (momentum 0.9, wd 5e-4).
/// </summary>
internal static class StepBench
{
    private const int WarmupSteps = 3;

    /// <summary>Runs <paramref name="steps"/> timed steps after the warm-up and returns the report line.</summary>
    public static string Run(int batch, int steps, ulong seed = 0)
    {
        var rng = new Rng(seed);
        var model = new EmbeddingModel(new BenchEncoder(rng), Heads.Projection(rng, 128, 128, 64));
        var optimizer = new Sgd(model.Parameters(), lr: 0.06f * batch / 256, momentum: 0.9f, weightDecay: 5e-4f);
        var view1 = Tensor.Uniform(rng, 0f, 1f, batch, 1, 28, 28);
        var view2 = Tensor.Uniform(rng, 0f, 1f, batch, 1, 28, 28);
        var loss = 0f;
        Stopwatch watch = new();
        BenchMemory? memory = null;
        for (var i = 0; i < steps + WarmupSteps; i++)
        {
            if (i == WarmupSteps)
            {
                memory = new BenchMemory();
                watch.Start();
            }
            optimizer.ZeroGrad();
            using (Autograd.RecycleActivations())
            {
                var l = NtXentLoss.Compute(model.Forward(view1), model.Forward(view2), 0.5f);
                l.Backward();
                loss = l.Item();
            }
            optimizer.Step();
        }
        watch.Stop();
        var seconds = watch.Elapsed.TotalSeconds;
        return $"step: batch={batch} {seconds / steps * 1000:F1} ms/step {2.0 * batch * steps / seconds:F0} views/s loss={loss:F4} " +
            memory!.Report(steps, watch.Elapsed);
    }
}
