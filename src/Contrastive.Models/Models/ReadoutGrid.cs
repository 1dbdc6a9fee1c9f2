namespace Contrastive.Models;

/// <summary>
/// How a convolutional encoder reads out its last feature map (<see cref="GridReadout"/>): the average over each cell of
/// a <see cref="Rows"/> x <see cref="ColumnCount"/> grid, what the heads read of it, and an optional trained adapter on it.
/// </summary>
/// <param name="Rows">The grid's rows (1 with one column: global average pooling).</param>
/// <param name="Columns">The grid's columns; null: as many as rows. 1 keeps bands of rows averaged over all columns, as
/// frequency bands over a spectrogram's time.</param>
/// <param name="HeadReadsGrid">Whether the projection or classification head reads the whole grid, so the loss shapes
/// every cell; false: the mean of the cells, so a grid changes what is evaluated, not what is trained.</param>
/// <param name="Adapter">The width of a trained layer on the whole grid, Linear (no bias), BatchNorm1d, ReLU, whose output
/// becomes the representation and what the heads read (0: none). It gives a frozen pre-trained backbone a layer shaped
/// by the training loss that the kNN, the probes and every deployment read (BENCHMARKS.md, "An adapter on the frozen
/// ImageNet cut").</param>
public sealed record ReadoutGrid(int Rows, int? Columns = null, bool HeadReadsGrid = false, int Adapter = 0)
{
    /// <summary>One cell: global average pooling.</summary>
    public static ReadoutGrid Global { get; } = new(1);

    /// <summary>The grid's columns, <see cref="Columns"/> or <see cref="Rows"/>.</summary>
    public int ColumnCount => Columns ?? Rows;
}
