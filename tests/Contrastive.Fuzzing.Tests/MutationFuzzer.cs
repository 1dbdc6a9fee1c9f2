using System.Text;
using Contrastive.Tensors;

namespace Contrastive.Fuzzing.Tests;

/// <summary>
/// A seeded mutation fuzzer: each input is a seed (a valid file) changed by one to four mutations drawn from
/// <see cref="Rng"/> (bit flips, interesting bytes, interesting tokens, byte runs inserted, deleted or repeated,
/// truncation, splicing with another seed), so a run is repeatable from its seed number.
/// </summary>
public static class MutationFuzzer
{
    private static readonly byte[] s_interestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, (byte)'"', (byte)'\n', (byte)',', (byte)'{', (byte)'[', (byte)'\\'];

    private static readonly byte[][] s_interestingTokens = [.. new[]
    {
        "-1", "0", "4294967295", "2147483648", "-2147483649", "9223372036854775808", "1e39", "1e309", "NaN", "-Infinity",
        "null", "true", "[]", "{}", "\"\"", "\"\\u0000\"", "\"\\ud800\"", "[[[[[[[[", "}}}}", ",,", "65535", "99999999",
    }.Select(Encoding.UTF8.GetBytes)];

    /// <summary>Input number <paramref name="index"/> of the run seeded by <paramref name="seed"/> over <paramref name="seeds"/>.</summary>
    public static byte[] Input(IReadOnlyList<byte[]> seeds, ulong seed, long index)
    {
        var rng = Rng.Derive(seed, index);
        var data = new List<byte>(seeds[rng.NextInt(seeds.Count)]);
        var mutations = 1 + rng.NextInt(4);
        for (var m = 0; m < mutations; m++) Mutate(data, seeds, rng);
        return [.. data];
    }

    private static void Mutate(List<byte> data, IReadOnlyList<byte[]> seeds, Rng rng)
    {
        var at = data.Count == 0 ? 0 : rng.NextInt(data.Count);
        switch (rng.NextInt(9))
        {
            case 0 when data.Count > 0:
                data[at] ^= (byte)(1 << rng.NextInt(8));
                break;
            case 1 when data.Count > 0:
                data[at] = s_interestingBytes[rng.NextInt(s_interestingBytes.Length)];
                break;
            case 2 when data.Count > 0:
                data[at] = (byte)rng.NextInt(256);
                break;
            case 3:
                data.InsertRange(at, s_interestingTokens[rng.NextInt(s_interestingTokens.Length)]);
                break;
            case 4 when data.Count > 0:
                data.RemoveRange(at, Math.Min(data.Count - at, 1 + rng.NextInt(16)));
                break;
            case 5 when data.Count > 0:
                var length = Math.Min(data.Count - at, 1 + rng.NextInt(32));
                var copies = 1 + rng.NextInt(4);
                var run = data.GetRange(at, length);
                for (var c = 0; c < copies; c++) data.InsertRange(at, run);
                break;
            case 6:
                data.RemoveRange(at, data.Count - at);
                break;
            case 7:
                var other = seeds[rng.NextInt(seeds.Count)];
                var from = other.Length == 0 ? 0 : rng.NextInt(other.Length);
                data.RemoveRange(at, data.Count - at);
                data.AddRange(other.AsSpan(from).ToArray());
                break;
            default:
                // A 32-bit field overwritten with an extreme little- or big-endian value (lengths, counts, sizes).
                uint[] extremes = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x10000, 0xFFFF];
                var value = extremes[rng.NextInt(extremes.Length)];
                for (var b = 0; b < 4 && at + b < data.Count; b++)
                    data[at + b] = (byte)(rng.Bernoulli(0.5) ? value >> (8 * b) : value >> (8 * (3 - b)));
                break;
        }
    }
}
