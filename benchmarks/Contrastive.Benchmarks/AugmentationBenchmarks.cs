using System.Buffers.Binary;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using Contrastive.Data;
using Contrastive.Data.Augmentations;
using Contrastive.Data.Views;

namespace Contrastive.Benchmarks;

/// <summary>
/// The SimCLR preset (bench spec) on a batch of 256 Fashion-MNIST test images, two views per image; the
/// PyTorch peer's figure is <c>/usr/bin/python3 benchmarks/peers/torch_simclr.py aug --threads 2</c>.
/// </summary>
[MemoryDiagnoser]
public class AugmentationBenchmarks
{
    private ImageDataset _images = null!;
    private ViewGenerator _views = null!;
    private int[] _indices = null!;
    private int _epoch;

    /// <summary>Threads augmenting the batch.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _images = FashionMnistTestImages(256);
        _views = ViewGenerator.TwoViews(AugmentationPresets.SimClr(ImageGeometry.Of(_images), 28), seed: 0);
        _indices = Enumerable.Range(0, _images.Count).ToArray();
    }

    /// <summary>512 views (256 images x 2).</summary>
    [Benchmark]
    public ViewBatch SimClrTwoViews() => _views.Generate(_images, _indices, _epoch++, threads: Threads);

    /// <summary>
    /// The first <paramref name="count"/> images of Fashion-MNIST's test set, read from the Debian package
    /// <c>dataset-fashion-mnist</c> (a minimal IDX reader; the library's own reader lives in Contrastive.Data).
    /// </summary>
    public static ImageDataset FashionMnistTestImages(int count, string path = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz")
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} not found: install the Debian package dataset-fashion-mnist", path);
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        Span<byte> header = stackalloc byte[16];
        gz.ReadExactly(header);
        if (BinaryPrimitives.ReadInt32BigEndian(header) != 0x803) throw new InvalidDataException($"{path}: not an IDX3 image file");
        var n = Math.Min(count, BinaryPrimitives.ReadInt32BigEndian(header[4..]));
        int h = BinaryPrimitives.ReadInt32BigEndian(header[8..]), w = BinaryPrimitives.ReadInt32BigEndian(header[12..]);
        var bytes = new byte[n * h * w];
        gz.ReadExactly(bytes);
        return new ImageDataset(Array.ConvertAll(bytes, b => b / 255f), n, 1, h, w, null, null, path);
    }
}
