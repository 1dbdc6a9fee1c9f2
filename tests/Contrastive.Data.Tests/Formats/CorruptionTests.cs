using Contrastive.Data.Formats;
using Contrastive.Data.Formats.Images;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Formats;

/// <summary>Every truncation and many random byte corruptions of a valid file either decode or raise a
/// <see cref="DatasetException"/>: never another exception type, never a crash.</summary>
public sealed class CorruptionTests
{
    public static TheoryData<string> Formats() => ["png", "png-palette", "pgm", "ppm-ascii", "idx", "idx-gz", "npy", "jpeg"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void TruncatedAndCorruptedFiles_OnlyEverRaiseDatasetException(string format)
    {
        if (format == "jpeg" && !JpegDecoder.IsAvailable) return; // the missing-library error is covered in JpegTests
        using var dir = new TempDirectory();
        var (valid, decode) = Make(format, dir);
        decode(valid);
        var rng = new Rng(17);
        var variants = Enumerable.Range(0, valid.Length).Select(n => valid[..n]).ToList();
        for (var i = 0; i < 300; i++)
        {
            var copy = (byte[])valid.Clone();
            copy[rng.NextInt(copy.Length)] ^= (byte)(1 + rng.NextInt(255));
            variants.Add(copy);
        }
        foreach (var bytes in variants)
        {
            try
            {
                decode(bytes);
            }
            catch (DatasetException)
            {
            }
        }
    }

    private static (byte[] Valid, Action<byte[]> Decode) Make(string format, TempDirectory dir)
    {
        var path = dir.File("f");
        Action<byte[]> viaFile(Action<string> read) => bytes => { File.WriteAllBytes(path, bytes); read(path); };
        switch (format)
        {
            case "png":
                return (PngEncoder.Encode(Fixtures.Pattern(7, 5, 3)), b => PngDecoder.Decode(b, "x"));
            case "png-palette":
                return (Fixtures.RawPng(4, 2, 2, 3, [[0b00011011], [0b11100100]], Enumerable.Range(0, 12).Select(i => (byte)i).ToArray()), b => PngDecoder.Decode(b, "x"));
            case "pgm":
                return (Fixtures.Pnm("P5", 4, 3, 65535, Enumerable.Range(0, 12).Select(i => i * 5000).ToArray()), b => PnmDecoder.Decode(b, "x"));
            case "ppm-ascii":
                return (Fixtures.Pnm("P3", 2, 2, 255, Enumerable.Range(0, 12).Select(i => i * 20).ToArray()), b => PnmDecoder.Decode(b, "x"));
            case "idx":
            case "idx-gz":
                IdxWriter.WriteImages(path, Enumerable.Range(0, 2 * 3 * 3).Select(i => (byte)i).ToArray(), 2, 3, 3, format == "idx-gz");
                return (File.ReadAllBytes(path), viaFile(p => IdxFile.Load(p)));
            case "npy":
                NpyFile.Write(path, new float[] { 1, 2, 3, 4, 5, 6 }, [3, 2]);
                return (File.ReadAllBytes(path), viaFile(p => NpyFile.Read(p)));
            default:
                return (JpegFixture.Encode(Fixtures.Pattern(8, 8, 3)), b => JpegDecoder.Decode(b, "x"));
        }
    }
}
