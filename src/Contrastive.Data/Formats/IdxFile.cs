using System.Buffers.Binary;

namespace Contrastive.Data.Formats;

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST, raw or gzip'd: a big-endian header (magic
/// <c>0x00000803</c> + count, rows, columns for unsigned-byte images; <c>0x00000801</c> + count for
/// unsigned-byte labels) followed by exactly the declared number of bytes.
/// </summary>
public static class IdxFile
{
    /// <summary>Magic number of an IDX file of unsigned-byte images (type 0x08, 3 dimensions).</summary>
    public const uint ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned-byte labels (type 0x08, 1 dimension).</summary>
    public const uint LabelsMagic = 0x00000801;

    /// <summary>
    /// Loads images (and labels, when <paramref name="labelsPath"/> is given) into an
    /// <see cref="ImageDataset"/> of shape (N, 1, rows, columns) with pixels scaled to [0, 1].
    /// </summary>
    /// <exception cref="DatasetException">A file is missing, truncated, has the wrong magic number, or the counts disagree.</exception>
    public static ImageDataset Load(string imagesPath, string? labelsPath = null, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        var images = DataFile.ReadAll(imagesPath);
        var labels = labelsPath is null ? null : DataFile.ReadAll(labelsPath);
        return ToDataset(images, imagesPath, labels, labelsPath, classNames);
    }

    internal static ImageDataset ToDataset(byte[] images, string imagesSource, byte[]? labels, string? labelsSource, IReadOnlyList<string>? classNames)
    {
        var dims = ParseHeader(images, imagesSource, ImagesMagic, "images");
        var (count, rows, columns) = (dims[0], dims[1], dims[2]);
        if (rows == 0 || columns == 0) throw new DatasetException(imagesSource, $"images of {rows}x{columns} pixels");
        int[]? labelValues = null;
        if (labels is not null)
        {
            var labelCount = ParseHeader(labels, labelsSource!, LabelsMagic, "labels")[0];
            if (labelCount != count)
                throw new DatasetException(labelsSource!, $"{labelCount} labels but {imagesSource} holds {count} images");
            labelValues = new int[count];
            var body = labels.AsSpan(8);
            var classes = classNames?.Count ?? int.MaxValue;
            for (var i = 0; i < count; i++)
            {
                if (body[i] >= classes) throw new DatasetException(labelsSource!, $"label {body[i]} of item {i} is outside [0, {classes})");
                labelValues[i] = body[i];
            }
        }
        var pixels = PixelScale.ToUnitFloats(images.AsSpan(16));
        return new ImageDataset(pixels, count, 1, rows, columns, labelValues, classNames ?? NumericClassNames(labelValues), imagesSource);
    }

    /// <summary>Validates magic and declared sizes against the actual length; returns the dimensions.</summary>
    private static int[] ParseHeader(byte[] data, string source, uint expectedMagic, string what)
    {
        if (data.Length < 4) throw new DatasetException(source, $"{data.Length} bytes is too short for an IDX header");
        var magic = BinaryPrimitives.ReadUInt32BigEndian(data);
        if (magic != expectedMagic)
            throw new DatasetException(source, $"magic number 0x{magic:X8} is not 0x{expectedMagic:X8} (IDX {what} of unsigned bytes)");
        var rank = (int)(magic & 0xFF);
        var headerBytes = 4 + 4 * rank;
        if (data.Length < headerBytes) throw new DatasetException(source, $"truncated IDX header: {data.Length} bytes, expected {headerBytes}");
        var dims = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(4 + 4 * d));
            if (size > int.MaxValue) throw new DatasetException(source, $"dimension {d} of {size} is too large");
            dims[d] = (int)size;
        }
        var body = Volume.Of(dims);
        var actual = data.Length - headerBytes;
        if (actual != body)
            throw new DatasetException(source,
                $"the header declares {string.Join(" x ", dims)} {what} = {body} bytes of data but the file holds {actual}" +
                (actual < body ? " (truncated)" : " (trailing bytes)"));
        return dims;
    }

    private static string[]? NumericClassNames(int[]? labels) =>
        labels is null ? null : Enumerable.Range(0, labels.Length == 0 ? 0 : labels.Max() + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
