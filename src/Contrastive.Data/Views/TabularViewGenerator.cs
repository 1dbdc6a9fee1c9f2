using Contrastive.Data.Augmentations;
using Contrastive.Tensors;

namespace Contrastive.Data.Views;

/// <summary>
/// Produces corrupted views (B, D) of a batch of tabular rows, freshly for every call; a null corruption
/// gives the original row (the anchor view of SCARF). Row i draws from <c>Rng.Derive(seed, epoch, index_i)</c>.
/// </summary>
public sealed class TabularViewGenerator
{
    private readonly ITabularCorruption?[] _views;

    /// <summary>Creates the generator with one corruption (or null for the clean row) per view.</summary>
    /// <exception cref="ArgumentException">No views were given.</exception>
    public TabularViewGenerator(IReadOnlyList<ITabularCorruption?> views, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(views);
        if (views.Count == 0) throw new ArgumentException("a tabular view generator needs at least one view");
        (_views, Seed) = (views.ToArray(), seed);
    }

    /// <summary>The seed of the per-row generators.</summary>
    public ulong Seed { get; }

    /// <summary>Views per row.</summary>
    public int ViewCount => _views.Length;

    /// <summary>The views of the rows at <paramref name="indices"/>.</summary>
    /// <exception cref="ArgumentException">An index is out of range.</exception>
    public ViewBatch Generate(TabularDataset data, int[] indices, int epoch, int batchIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        var d = data.FeatureCount;
        var outputs = _views.Select(_ => new float[(long)indices.Length * d]).ToArray();
        for (var i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)data.Count) throw new ArgumentException($"row index {indices[i]} is outside {data.Source} (0..{data.Count - 1})");
            var rng = Rng.Derive(Seed, epoch, indices[i]);
            var row = data.Row(indices[i]);
            for (var v = 0; v < _views.Length; v++)
            {
                var dst = outputs[v].AsSpan(i * d, d);
                if (_views[v] is { } corruption) corruption.Apply(row, dst, rng);
                else row.CopyTo(dst);
            }
        }
        var views = outputs.Select(o => new Tensor(o, [indices.Length, d])).ToArray();
        var labels = data.Labels is null ? null : Array.ConvertAll(indices, i => data.Labels[i]);
        return new ViewBatch(views, labels, (int[])indices.Clone(), epoch, batchIndex);
    }
}
