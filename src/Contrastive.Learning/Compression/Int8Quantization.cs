using System.Globalization;
using Contrastive.IO;
using Contrastive.Tensors;

namespace Contrastive.Compression;

/// <summary>
/// Symmetric per-output-channel int8 weights. For output channel c (row c of a weight shaped [out, ...]):
/// s_c = max_i |w_ci| / 127 and q_ci = round(w_ci / s_c), an integer in [-127, 127]; the weight reads back as q_ci * s_c,
/// off by at most s_c / 2. In a safetensors file q is stored as I8 under the weight's own name and s as F32 under the
/// name plus <see cref="ScaleSuffix"/>, shaped [out, 1, ...] so that PyTorch restores the weight with
/// <c>state[name].float() * state[name + "_scale"]</c>. Zero stays exactly zero, so pruned weights stay pruned.
/// </summary>
public static class Int8Quantization
{
    /// <summary>What a quantised weight's scale entry appends to the weight's name.</summary>
    public const string ScaleSuffix = "_scale";

    private const float Levels = 127f;

    /// <summary>True for the entries quantisation applies to: float weights of rank 2 or more (linear, convolution,
    /// embedding and attention projection matrices). Biases and normalisation parameters stay F32: they are a small part
    /// of the model, and a batch norm's scale multiplies every activation of its channel.</summary>
    public static bool Applies(string name, Tensor tensor, SafeTensorsDtype dtype)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(tensor);
        return dtype == SafeTensorsDtype.F32 && tensor.Rank >= 2 && name.EndsWith("weight", StringComparison.Ordinal);
    }

    /// <summary>The integer levels q (same shape as <paramref name="weight"/>, integers in [-127, 127]) and the per-row
    /// scales s (shape [out, 1, ...]); a row of zeros gets scale 0.</summary>
    /// <exception cref="ArgumentException">The weight has rank below 2 or a non-finite value.</exception>
    public static (Tensor Levels, Tensor Scale) Quantize(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank < 2) throw new ArgumentException($"int8 quantisation needs a weight of rank 2 or more, got shape {Shapes.Format(weight.Shape)}", nameof(weight));
        var rows = weight.Size(0);
        var width = rows == 0 ? 0 : weight.Length / rows;
        var levels = new float[weight.Length];
        var scales = new float[rows];
        var values = weight.Span;
        for (var r = 0; r < rows; r++)
        {
            var row = values.Slice(r * width, width);
            var max = 0f;
            foreach (var v in row)
            {
                if (!float.IsFinite(v)) throw new ArgumentException($"int8 quantisation: the weight holds {v.ToString(CultureInfo.InvariantCulture)} in row {r}", nameof(weight));
                max = Math.Max(max, Math.Abs(v));
            }
            var scale = max / Levels;
            scales[r] = scale;
            if (scale == 0) continue;
            // Multiplying by the inverse (rounding half to even) is how PyTorch's quantize_per_channel rounds.
            var inverse = 1f / scale;
            for (var i = 0; i < width; i++) levels[r * width + i] = Math.Clamp(MathF.Round(row[i] * inverse), -Levels, Levels);
        }
        return (new Tensor(levels, weight.Shape), new Tensor(scales, ScaleShape(weight.Shape)));
    }

    /// <summary>The weight q * s that <see cref="Quantize"/>'s levels and scales stand for.</summary>
    /// <exception cref="ArgumentException">The scale's shape is not [out, 1, ...] for the levels' [out, ...].</exception>
    public static Tensor Dequantize(Tensor levels, Tensor scale)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(scale);
        if (levels.Rank < 2 || !scale.Shape.SequenceEqual(ScaleShape(levels.Shape)))
            throw new ArgumentException($"a scale of shape {Shapes.Format(scale.Shape)} does not fit int8 levels of shape {Shapes.Format(levels.Shape)} (expected {Shapes.Format(ScaleShape(levels.Shape))})");
        var rows = levels.Size(0);
        var width = rows == 0 ? 0 : levels.Length / rows;
        var weight = levels.ToArray();
        var s = scale.Span;
        for (var r = 0; r < rows; r++)
            foreach (ref var v in weight.AsSpan(r * width, width)) v *= s[r];
        return new Tensor(weight, levels.Shape);
    }

    /// <summary>The shape of a weight's scales: [out, 1, ...] for a weight shaped [out, ...].</summary>
    private static int[] ScaleShape(ReadOnlySpan<int> weightShape)
    {
        var shape = new int[weightShape.Length];
        Array.Fill(shape, 1);
        shape[0] = weightShape[0];
        return shape;
    }

    /// <summary>The entries with every weight <see cref="Applies"/> to replaced by its I8 levels followed by its F32
    /// scale; the others unchanged.</summary>
    /// <exception cref="ArgumentException">A quantised weight's scale name is taken by another entry, or a weight holds a
    /// non-finite value; the message names the entry.</exception>
    public static IReadOnlyList<(string Name, Tensor Tensor, SafeTensorsDtype Dtype)> QuantizeEntries(IEnumerable<(string Name, Tensor Tensor, SafeTensorsDtype Dtype)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        var names = list.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var result = new List<(string, Tensor, SafeTensorsDtype)>(list.Count);
        foreach (var (name, tensor, dtype) in list)
        {
            if (!Applies(name, tensor, dtype))
            {
                result.Add((name, tensor, dtype));
                continue;
            }
            if (names.Contains(name + ScaleSuffix)) throw new ArgumentException($"cannot quantise '{name}': an entry '{name}{ScaleSuffix}' already exists", nameof(entries));
            Tensor levels, scale;
            try
            {
                (levels, scale) = Quantize(tensor);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"cannot quantise '{name}': {e.Message}", nameof(entries), e);
            }
            result.Add((name, levels, SafeTensorsDtype.I8));
            result.Add((name + ScaleSuffix, scale, SafeTensorsDtype.F32));
        }
        return result;
    }

    /// <summary>The float tensors a file's entries stand for: every I8 entry times its <see cref="ScaleSuffix"/> entry,
    /// which is then dropped; the other entries as stored. Files without I8 entries come back unchanged.</summary>
    /// <exception cref="InvalidDataException">An I8 entry has no F32 scale of shape [out, 1, ...]; the message names it
    /// and <paramref name="source"/>.</exception>
    public static Dictionary<string, Tensor> DequantizeEntries(SafeTensorsContent content, string source)
    {
        ArgumentNullException.ThrowIfNull(content);
        var stored = content.Entries.ToDictionary(e => e.Name, e => (e.Tensor, e.Dtype), StringComparer.Ordinal);
        var scales = content.Entries.Where(e => e.Dtype == SafeTensorsDtype.I8).Select(e => e.Name + ScaleSuffix).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor, dtype) in content.Entries)
        {
            if (scales.Contains(name)) continue;
            if (dtype != SafeTensorsDtype.I8)
            {
                result.Add(name, tensor);
                continue;
            }
            if (!stored.TryGetValue(name + ScaleSuffix, out var scale) || scale.Dtype != SafeTensorsDtype.F32)
                throw new InvalidDataException($"{source}: int8 weight '{name}' has no F32 scale '{name}{ScaleSuffix}'");
            try
            {
                result.Add(name, Dequantize(tensor, scale.Tensor));
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{source}: int8 weight '{name}': {e.Message}", e);
            }
        }
        return result;
    }
}
