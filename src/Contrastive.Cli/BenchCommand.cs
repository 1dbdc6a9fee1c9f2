using System.CommandLine;
using Contrastive.Cli.Bench;
using Contrastive.Data.Datasets;
using Contrastive.Gemm;

namespace Contrastive.Cli;

/// <summary>
/// <c>contrastive bench gemm|step|aug|epoch|embed</c>: one line of throughput and memory figures for the BENCH_SPEC
/// workload, comparable with <c>benchmarks/peers/torch_simclr.py</c> run with the same mode and options.
/// </summary>
internal static class BenchCommand
{
    private static readonly Argument<string> s_mode = new("mode") { Description = "gemm | step | aug | epoch | embed" };
    private static readonly Option<int> s_threads = new("--threads") { Description = "Threads (default 2, as the PyTorch peer)", DefaultValueFactory = _ => 2 };
    private static readonly Option<int> s_batch = new("--batch") { Description = "Images per batch (default 256)", DefaultValueFactory = _ => 256 };
    private static readonly Option<int> s_steps = new("--steps") { Description = "Timed steps (default 20; embed makes steps/10 passes)", DefaultValueFactory = _ => 20 };
    private static readonly Option<string?> s_blas = new("--blas") { Description = "managed | openblas (default: managed, as training)" };
    private static readonly Option<string?> s_data = new("--data") { Description = "Data for aug/epoch/embed (default fashion-mnist when installed, else demo)" };

    public static Command Create(TextWriter output)
    {
        s_mode.AcceptOnlyFromAmong("gemm", "step", "aug", "epoch", "embed");
        var command = new Command("bench", "Measure throughput (views/s, images/s, GFLOP/s) and peak memory on the reference workload.")
        {
            s_mode, s_threads, s_batch, s_steps, s_blas, s_data,
        };
        command.SetAction(parsed =>
        {
            int threads = parsed.GetValue(s_threads), batch = parsed.GetValue(s_batch), steps = parsed.GetValue(s_steps);
            if (threads < 1 || batch < 2 || steps < 1)
                throw new ArgumentException($"bench needs --threads >= 1, --batch >= 2 and --steps >= 1, got {threads}, {batch}, {steps}");
            if (parsed.GetValue(s_blas) is { } blas) GemmProviders.Current = GemmProviders.Create(blas);
            Engine.Threads = threads;
            var data = parsed.GetValue(s_data) ?? DataBench.DefaultData;
            output.WriteLine(parsed.GetValue(s_mode) switch
            {
                "gemm" => GemmBench.Run(),
                "step" => StepBench.Run(batch, steps),
                "aug" => DataBench.Augment(DataBench.LoadTest(data), batch, steps, threads),
                "embed" => DataBench.Embed(DataBench.LoadTest(data), steps),
                _ => DataBench.Epoch(DatasetResolver.LoadImages(data), data, batch, threads),
            } + $" threads={threads} blas={GemmProviders.Current.Name}");
            return 0;
        });
        return command;
    }
}
