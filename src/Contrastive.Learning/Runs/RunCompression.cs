using System.Globalization;
using Contrastive.Compression;
using Contrastive.IO;
using Contrastive.Tensors;
using Contrastive.Training;

namespace Contrastive.Runs;

/// <summary>
/// Writes a compressed copy of a run directory: the files that describe how to read the run (config.json,
/// metrics.jsonl, and a table run's standardisation or a CLIP run's tokenizer) with model.safetensors pruned and/or
/// quantised. Left out are the training checkpoint (a compressed model is for embedding, not for resuming) and what
/// was made from the uncompressed model (eval.json, report.html, an exported ONNX file). Everything that reads a run
/// (<c>embed</c>, <c>eval</c>, <c>serve</c>, <c>export</c>, <c>--init</c>) reads the copy.
/// </summary>
public static class RunCompression
{
    // The files that tell how to read the run, copied as they are when the source has them.
    private static readonly Func<RunDirectory, string>[] s_copied = [r => r.Config, r => r.Metrics, r => r.Standardization, r => r.Tokenizer];

    /// <summary>Compresses the run in <paramref name="modelDirectory"/> into <paramref name="outDirectory"/> (created
    /// if needed; its model.safetensors is written last, atomically). Batch-norm recalibration, when asked for, runs on
    /// the training part of <paramref name="calibration"/>.</summary>
    /// <exception cref="ArgumentException">Nothing to do, the two directories are the same, the output directory holds a
    /// training run (whose model would be overwritten), the source is already int8, or recalibration is asked for
    /// without data.</exception>
    /// <exception cref="FileNotFoundException">The source has no config.json or model.safetensors.</exception>
    public static CompressionSummary Compress(string modelDirectory, string outDirectory, CompressionOptions options, EvaluationData? calibration = null)
    {
        var (from, to) = CheckRequest(modelDirectory, outDirectory, options, calibration);
        var source = SafeTensors.Read(from.Model);
        if (source.Entries.Any(e => e.Dtype == SafeTensorsDtype.I8))
            throw new ArgumentException($"{from.Model} is already int8; compress the run it was made from");
        var entries = options.PruneFraction > 0 ? MagnitudePruning.PruneEntries(source.Entries, options.PruneFraction) : source.Entries;
        var recalibrated = 0;
        if (options.RecalibrationBatches > 0) (entries, recalibrated) = Recalibrate(entries, from, calibration!, options.RecalibrationBatches);
        var weights = entries.Where(e => Int8Quantization.Applies(e.Name, e.Tensor, e.Dtype)).ToList();
        var stored = options.Int8 ? Int8Quantization.QuantizeEntries(entries) : entries;

        Directory.CreateDirectory(to.Path);
        foreach (var file in s_copied.Where(file => File.Exists(file(from))))
            AtomicFile.WriteAllBytes(file(to), File.ReadAllBytes(file(from)));
        SafeTensors.Write(to.Model, stored, Metadata(source.Metadata, options));
        return new CompressionSummary(
            new FileInfo(from.Model).Length,
            new FileInfo(to.Model).Length,
            weights.Count,
            weights.Sum(w => (long)w.Tensor.Length),
            weights.Sum(w => (long)w.Tensor.Span.Count(0f)),
            recalibrated);
    }

    /// <summary>Refuses what cannot or must not be done, before anything is read or written.</summary>
    /// <returns>The source run and the output folder.</returns>
    private static (RunDirectory From, RunDirectory To) CheckRequest(string modelDirectory, string outDirectory, CompressionOptions options, EvaluationData? calibration)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelDirectory);
        ArgumentException.ThrowIfNullOrEmpty(outDirectory);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.PruneFraction is >= 0 and < 1)) throw new ArgumentException($"--prune must be in [0, 1), got {options.PruneFraction.ToString(CultureInfo.InvariantCulture)}");
        if (options.PruneFraction == 0 && !options.Int8) throw new ArgumentException("nothing to do: --prune is 0 and --format is f32");
        ArgumentOutOfRangeException.ThrowIfNegative(options.RecalibrationBatches);
        if (options.RecalibrationBatches > 0 && calibration is null) throw new ArgumentException("batch-norm recalibration needs data", nameof(calibration));
        if (SamePath(modelDirectory, outDirectory)) throw new ArgumentException($"--out {outDirectory} is the run directory itself; write the compressed copy elsewhere");
        var to = new RunDirectory(outDirectory);
        if (File.Exists(to.Checkpoint))
            throw new ArgumentException($"--out {outDirectory} holds a training run (it has a checkpoint); write the compressed copy to a new directory");
        return (RunDirectory.OfTrainedRun(modelDirectory), to);
    }

    /// <summary>The entries with the batch-norm statistics of the run's encoder re-estimated on
    /// <paramref name="batches"/> batches of <paramref name="data"/>, and the number of batch norms.</summary>
    private static (IReadOnlyList<(string Name, Tensor Tensor, SafeTensorsDtype Dtype)> Entries, int Layers) Recalibrate(
        IReadOnlyList<(string Name, Tensor Tensor, SafeTensorsDtype Dtype)> entries, RunDirectory run, EvaluationData data, int batches)
    {
        var config = TrainConfig.Load(run.Config);
        var weights = entries.ToDictionary(e => e.Name, e => e.Tensor, StringComparer.Ordinal);
        var model = RunModel.Create(config, weights, data.Geometry, run.Model);
        var layers = BatchNormRecalibration.Run(model.Encoder, BatchNormRecalibration.Batches(data, batches, (ulong)config.Seed));
        var state = model.StateEntries().ToDictionary(e => e.Name, e => e.Tensor, StringComparer.Ordinal);
        return (entries.Select(e => (e.Name, state[e.Name], e.Dtype)).ToList(), layers);
    }

    /// <summary>The source's metadata plus what was done: <c>quantization</c> and <c>pruned_fraction</c>.</summary>
    private static Dictionary<string, string> Metadata(IReadOnlyDictionary<string, string> source, CompressionOptions options)
    {
        var metadata = new Dictionary<string, string>(source, StringComparer.Ordinal);
        if (options.Int8) metadata["quantization"] = "int8, symmetric per output channel; weight = I8 tensor * F32 '<name>_scale'";
        if (options.PruneFraction > 0) metadata["pruned_fraction"] = options.PruneFraction.ToString(CultureInfo.InvariantCulture);
        if (options.RecalibrationBatches > 0) metadata["batch_norm_recalibration_batches"] = options.RecalibrationBatches.ToString(CultureInfo.InvariantCulture);
        return metadata;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
