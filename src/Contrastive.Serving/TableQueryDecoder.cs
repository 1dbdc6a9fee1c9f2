using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Tensors;

namespace Contrastive.Serving;

/// <summary>Standardises raw feature rows with the run's training statistics, as the rows of a CSV are for embedding.</summary>
/// <param name="standardizer">The run's <c>standardization.json</c>.</param>
public sealed class TableQueryDecoder(FeatureStandardizer standardizer) : QueryDecoder
{
    /// <inheritdoc/>
    public override string InputDescription => $"rows of {standardizer.Columns.Count} features ({string.Join(", ", standardizer.Columns.Take(8))}{(standardizer.Columns.Count > 8 ? ", ..." : "")})";

    /// <inheritdoc/>
    public override Tensor DecodeRows(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var d = standardizer.Columns.Count;
        var values = new float[rows.Count * d];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? throw new QueryException($"rows[{i}] is null");
            if (row.Length != d) throw new QueryException($"rows[{i}] has {row.Length} values; this model takes {InputDescription}");
            var bad = Array.FindIndex(row, v => !float.IsFinite(v));
            if (bad >= 0) throw new QueryException($"rows[{i}][{bad}] ({standardizer.Columns[bad]}) is {row[bad]}; features must be finite");
            row.CopyTo(values, i * d);
        }
        var table = standardizer.Apply(new TabularDataset(values, rows.Count, d, null, standardizer.Columns, "request"));
        return new Tensor(table.Features.ToArray(), [rows.Count, d]);
    }
}
