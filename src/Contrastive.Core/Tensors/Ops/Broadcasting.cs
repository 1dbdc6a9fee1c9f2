namespace Contrastive.Tensors;

/// <summary>Walks two broadcast operands row by row (the last dimension is the row).</summary>
internal static class Broadcasting
{
    /// <summary>Receives (outOffset, aOffset, bOffset, rowLength, aStep, bStep) for each row of the output.</summary>
    public delegate void RowBody(int outOffset, int aOffset, int bOffset, int length, int aStep, int bStep);

    public static void ForEachRow(int[] outShape, int[] aStrides, int[] bStrides, RowBody body)
    {
        var rank = outShape.Length;
        if (rank == 0) { body(0, 0, 0, 1, 0, 0); return; }
        var rowLength = outShape[rank - 1];
        var rows = rowLength == 0 ? 0 : Shapes.Count(outShape) / rowLength;
        var index = new int[rank - 1];
        int aOffset = 0, bOffset = 0;
        for (var r = 0; r < rows; r++)
        {
            body(r * rowLength, aOffset, bOffset, rowLength, aStrides[rank - 1], bStrides[rank - 1]);
            for (var d = rank - 2; d >= 0; d--)
            {
                index[d]++;
                aOffset += aStrides[d];
                bOffset += bStrides[d];
                if (index[d] < outShape[d]) break;
                aOffset -= aStrides[d] * outShape[d];
                bOffset -= bStrides[d] * outShape[d];
                index[d] = 0;
            }
        }
    }
}
