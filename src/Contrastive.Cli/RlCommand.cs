using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Contrastive.IO;
using Contrastive.Reinforcement;

namespace Contrastive.Cli;

/// <summary><c>contrastive rl</c>: learns a cart-pole state representation from pixels with CURL or ATC and prints how
/// well ridge maps from it, from the raw pixels and from the untrained encoder predict the true state (R^2 on held-out
/// episodes).</summary>
internal static class RlCommand
{
    private static readonly StateLearningOptions s_defaults = new();
    private static readonly CartPoleDataSettings s_data = new();
    private static readonly Option<string> s_method = new("--method") { Description = "curl (two random crops of one observation) | atc (crops of observations --shift steps apart)", DefaultValueFactory = _ => s_defaults.Method };
    private static readonly Option<int> s_steps = new("--steps") { Description = "Training steps", DefaultValueFactory = _ => s_defaults.Steps };
    private static readonly Option<int> s_batch = new("--batch") { Description = "Pairs per batch", DefaultValueFactory = _ => s_defaults.BatchSize };
    private static readonly Option<float> s_lr = new("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => s_defaults.LearningRate };
    private static readonly Option<int> s_shift = new("--shift") { Description = "ATC: steps between an anchor and its positive", DefaultValueFactory = _ => s_defaults.TemporalShift };
    private static readonly Option<int> s_episodes = new("--episodes") { Description = $"Episodes in the training replay buffer (the probe fits on {s_data.ProbeEpisodes} more and tests on {s_data.TestEpisodes} held-out ones)", DefaultValueFactory = _ => s_data.TrainEpisodes };
    private static readonly Option<int> s_episodeLength = new("--episode-length") { Description = "Steps per episode", DefaultValueFactory = _ => s_data.EpisodeLength };
    private static readonly Option<ulong> s_seed = new("--seed") { Description = "Seeds the simulator, the policy, the encoder and the batches", DefaultValueFactory = _ => 0UL };
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };
    private static readonly Option<string?> s_out = new("--out") { Description = $"Directory for {RunFiles.RlEvaluation} (the R^2 figures) and {RunFiles.RlLoss} (the loss of each step)" };

    public static Command Create(TextWriter output)
    {
        var command = new Command("rl", "Learn a cart-pole state representation from 64x64 pixels (CURL or ATC) and measure R^2 of the true state against raw pixels and a random encoder.")
        { s_method, s_steps, s_batch, s_lr, s_shift, s_episodes, s_episodeLength, s_seed, s_out };
        command.SetAction((parsed, cancellation) =>
        {
            var learning = s_defaults with
            {
                Method = parsed.GetValue(s_method)!,
                Steps = parsed.GetValue(s_steps),
                BatchSize = parsed.GetValue(s_batch),
                LearningRate = parsed.GetValue(s_lr),
                TemporalShift = parsed.GetValue(s_shift),
                Seed = parsed.GetValue(s_seed),
            };
            learning.Validate();
            var data = s_data with { TrainEpisodes = parsed.GetValue(s_episodes), EpisodeLength = parsed.GetValue(s_episodeLength) };
            if (data.TrainEpisodes <= 0 || data.EpisodeLength <= 0) throw new ArgumentException($"--episodes and --episode-length must be positive, got {data.TrainEpisodes} and {data.EpisodeLength}");
            var losses = new List<float>();
            var rows = StateProbeExperiment.Run(learning, data, (step, loss) =>
            {
                losses.Add(loss);
                if ((step + 1) % Math.Max(1, learning.Steps / 10) == 0) output.WriteLine(FormattableString.Invariant($"step {step + 1}/{learning.Steps}: loss {loss:F4}"));
            }, cancellation);
            Print(output, rows);
            if (parsed.GetValue(s_out) is { } directory)
            {
                var run = new RunDirectory(directory);
                Directory.CreateDirectory(run.Path);
                AtomicFile.WriteAllText(run.RlEvaluation, JsonSerializer.Serialize(new
                {
                    learning.Method,
                    learning.Steps,
                    learning.BatchSize,
                    learning.LearningRate,
                    learning.TemporalShift,
                    learning.Seed,
                    data.TrainEpisodes,
                    data.ProbeEpisodes,
                    data.TestEpisodes,
                    data.EpisodeLength,
                    variables = CartPoleState.VariableNames,
                    rows = rows.Select(r => new { r.Features, r2 = r.Probe.R2, meanR2 = r.Probe.MeanR2, alphas = r.Probe.Alphas }),
                }, s_json));
                AtomicFile.WriteAllText(run.RlLoss, JsonSerializer.Serialize(losses));
                output.WriteLine($"wrote {run.RlEvaluation}");
            }
            return Task.FromResult(0);
        });
        return command;
    }

    private static void Print(TextWriter output, IReadOnlyList<StateProbeRow> rows)
    {
        output.WriteLine("R^2 of ridge maps to the true state on held-out episodes:");
        output.WriteLine(string.Concat(CartPoleState.VariableNames.Prepend("features").Append("mean").Select((n, i) => i == 0 ? n.PadRight(16) : n.PadLeft(10))));
        foreach (var row in rows)
            output.WriteLine(row.Features.PadRight(16) + string.Concat(row.Probe.R2.Append(row.Probe.MeanR2).Select(v => v.ToString("F3", CultureInfo.InvariantCulture).PadLeft(10))));
    }
}
