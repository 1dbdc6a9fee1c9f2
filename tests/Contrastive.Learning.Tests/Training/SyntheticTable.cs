using System.Globalization;
using System.Text;
using Contrastive.Tensors;

namespace Contrastive.Learning.Tests.Training;

/// <summary>
/// A synthetic classification table where the class signal is buried: a 2-D class latent (4 clusters at (+-1, +-1)
/// plus N(0, 0.35^2)) is spread redundantly over a few informative columns (each a random projection of the latent plus
/// noise), hidden among many independent noise columns (Gaussian, uniform, log-normal). Every column gets a random
/// scale 10^U(-2, 3) and offset, so unstandardised distances would be meaningless.
/// </summary>
internal static class SyntheticTable
{
    public const int Classes = 4;

    /// <summary>Writes the CSV (header f0..f{D-1}, then "label" with values c0..c3) and returns its path.</summary>
    public static string Write(string path, int rows, int informative, int noise, int seed, float sigma = 0.3f)
    {
        var rng = new Rng((ulong)seed);
        var d = informative + noise;
        var columns = Enumerable.Range(0, d).Select(_ => rng.NextInt(d * 1000)).ToArray(); // shuffles informative among noise
        var order = Enumerable.Range(0, d).OrderBy(j => columns[j]).ToArray();
        var scale = Enumerable.Range(0, d).Select(_ => MathF.Pow(10, rng.Uniform(-2, 3))).ToArray();
        var offset = Enumerable.Range(0, d).Select(j => rng.Uniform(-5, 5) * scale[j]).ToArray();
        var direction = Enumerable.Range(0, informative).Select(_ => rng.Uniform(0, MathF.PI)).ToArray();
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(0, d).Select(j => $"f{j}")).Append(",label\n");
        var row = new float[d];
        for (var i = 0; i < rows; i++)
        {
            var label = i % Classes;
            var zx = (label % 2 == 0 ? -1f : 1f) + 0.35f * rng.NextGaussian();
            var zy = (label / 2 == 0 ? -1f : 1f) + 0.35f * rng.NextGaussian();
            for (var k = 0; k < d; k++)
            {
                var value = k < informative
                    ? MathF.Cos(direction[k]) * zx + MathF.Sin(direction[k]) * zy + sigma * rng.NextGaussian()
                    : (k % 3) switch
                    {
                        0 => rng.NextGaussian(),
                        1 => rng.Uniform(-1.7f, 1.7f),
                        _ => MathF.Exp(0.5f * rng.NextGaussian()),
                    };
                row[order[k]] = value * scale[order[k]] + offset[order[k]];
            }
            text.AppendJoin(',', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append(",c").Append(label).Append('\n');
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
