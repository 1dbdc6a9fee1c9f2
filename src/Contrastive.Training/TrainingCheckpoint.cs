using System.Globalization;
using Contrastive.IO;
using Contrastive.Methods;
using Contrastive.Optim;
using Contrastive.Tensors;

namespace Contrastive.Training;

/// <summary>
/// The resumable state of a run in one safetensors file, <c>checkpoint.safetensors</c>: the online model
/// (<c>model.*</c>), the optimiser state (<c>optim.*</c>), the method's extra state such as an EMA target or a MoCo
/// queue (<c>method.*</c>), and in the metadata the epochs completed, the global step, the state of the method's random
/// generators (dropout, a sampling miner: <c>rng.*</c>) and a format version; the file's checksum is verified on load.
/// Data order and augmentation randomness derive from (seed, epoch, sample), so this is all a resume needs to
/// repeat an uninterrupted run exactly. Written atomically (temp file, then rename).
/// </summary>
public static class TrainingCheckpoint
{
    private const string FormatVersion = "1";

    /// <summary>The metadata key prefix of the random generators' states (<see cref="ContrastiveMethod.Generators"/>).</summary>
    private const string GeneratorPrefix = "rng.";

    /// <summary>Writes the checkpoint after <paramref name="epochsDone"/> epochs and <paramref name="step"/> steps.</summary>
    public static void Save(string runDirectory, ContrastiveMethod method, Optimizer optimizer, int epochsDone, long step)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(optimizer);
        var entries = method.Model.StateEntries().Select(e => ("model." + e.Name, e.Tensor, e.Dtype))
            .Concat(optimizer.GetState().Select(kv => ("optim." + kv.Key, kv.Value, SafeTensorsDtype.F32)))
            .Concat(method.ExtraState().Select(e => ("method." + e.Name, e.Tensor, SafeTensorsDtype.F32)));
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "contrastive-checkpoint",
            ["version"] = FormatVersion,
            ["method"] = method.Name,
            ["epochs_done"] = epochsDone.ToString(CultureInfo.InvariantCulture),
            ["step"] = step.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, generator) in method.Generators())
            metadata[GeneratorPrefix + name] = string.Join(',', generator.GetState().Select(w => w.ToString("x16", CultureInfo.InvariantCulture)));
        SafeTensors.Write(new RunDirectory(runDirectory).Checkpoint, entries, metadata);
    }

    /// <summary>Restores a checkpoint into a freshly built method and optimiser; returns (epochs done, step).</summary>
    /// <exception cref="InvalidDataException">The file is missing, malformed or from another method/architecture.</exception>
    public static (int EpochsDone, long Step) Load(string runDirectory, ContrastiveMethod method, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(optimizer);
        var path = new RunDirectory(runDirectory).Checkpoint;
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: no checkpoint to resume from");
        var content = SafeTensors.Read(path);
        var meta = content.Metadata;
        if (!meta.TryGetValue("format", out var format) || format != "contrastive-checkpoint" || meta.GetValueOrDefault("version") != FormatVersion)
            throw new InvalidDataException($"{path}: not a Contrastive.NET checkpoint of format version {FormatVersion}");
        if (meta.GetValueOrDefault("method") != method.Name)
            throw new InvalidDataException($"{path}: checkpoint is for method '{meta.GetValueOrDefault("method")}', not '{method.Name}'");
        var tensors = content.Tensors;
        method.Model.LoadState(Section(tensors, "model."), strict: true);
        optimizer.LoadState(Section(tensors, "optim."));
        var extra = Section(tensors, "method.");
        foreach (var (name, target) in method.ExtraState())
        {
            if (!extra.TryGetValue(name, out var saved) || !saved.Shape.SequenceEqual(target.Shape))
                throw new InvalidDataException($"{path}: method state '{name}' is missing or has the wrong shape");
            if (FiniteValues.Describe(saved.Span) is { } bad) throw new InvalidDataException($"{path}: method state '{name}' holds {bad}");
            target.CopyFrom(saved.Span);
        }
        foreach (var (name, generator) in method.Generators())
            generator.SetState(GeneratorState(meta, name, path));
        return (int.Parse(meta["epochs_done"], CultureInfo.InvariantCulture), long.Parse(meta["step"], CultureInfo.InvariantCulture));
    }

    /// <summary>The saved state of the generator <paramref name="name"/>: its <see cref="Rng.GetState"/> words in hex.</summary>
    private static ulong[] GeneratorState(IReadOnlyDictionary<string, string> meta, string name, string path)
    {
        if (!meta.TryGetValue(GeneratorPrefix + name, out var text))
            throw new InvalidDataException($"{path}: no state for the random generator '{name}' (a checkpoint from an older version cannot resume this run exactly)");
        var words = text.Split(',');
        var state = new ulong[words.Length];
        for (var i = 0; i < words.Length; i++)
            if (!ulong.TryParse(words[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out state[i]))
                throw new InvalidDataException($"{path}: the state of the random generator '{name}' is not hexadecimal words ('{text}')");
        if (state.Length != Rng.StateWords)
            throw new InvalidDataException($"{path}: the state of the random generator '{name}' has {state.Length} words instead of {Rng.StateWords}");
        return state;
    }

    private static Dictionary<string, Tensor> Section(IReadOnlyDictionary<string, Tensor> tensors, string prefix) =>
        tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value, StringComparer.Ordinal);
}
