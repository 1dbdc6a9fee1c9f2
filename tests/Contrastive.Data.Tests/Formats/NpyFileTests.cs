using System.Text;
using Contrastive.Data.Formats;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Formats;

public sealed class NpyFileTests
{
    [Fact]
    public void Float32_RoundTripWithAlignedHeader()
    {
        using var dir = new TempDirectory();
        var data = Enumerable.Range(0, 6).Select(i => i * 0.5f - 1).ToArray();
        NpyFile.Write(dir.File("a.npy"), data, [2, 3]);

        var bytes = File.ReadAllBytes(dir.File("a.npy"));
        var header = Encoding.Latin1.GetString(bytes, 10, bytes[8]);
        Assert.Equal("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.TrimEnd());
        Assert.Equal(0, (10 + header.Length) % 64);
        Assert.EndsWith("\n", header);

        var array = NpyFile.Read(dir.File("a.npy"));
        Assert.Equal(NpyDType.Float32, array.DType);
        Assert.Equal([2, 3], array.Shape);
        Assert.Equal(data, array.Float32.ToArray());
    }

    [Fact]
    public void UInt8_RoundTrip_OneDimensionalAndScalarShapes()
    {
        using var dir = new TempDirectory();
        NpyFile.Write(dir.File("b.npy"), new byte[] { 1, 2, 250 }, [3]);
        var array = NpyFile.Read(dir.File("b.npy"));
        Assert.Equal(NpyDType.UInt8, array.DType);
        Assert.Equal([3], array.Shape);
        Assert.Equal(new byte[] { 1, 2, 250 }, array.UInt8.ToArray());
        Assert.Equal([1f, 2f, 250f], array.ToFloat32());
        Assert.Throws<InvalidOperationException>(() => array.Float32.Length);

        NpyFile.Write(dir.File("s.npy"), [4.5f], []);
        var scalar = NpyFile.Read(dir.File("s.npy"));
        Assert.Empty(scalar.Shape);
        Assert.Equal(4.5f, scalar.Float32[0]);
    }

    [Fact]
    public void ReadsVersion2Headers()
    {
        using var dir = new TempDirectory();
        var header = "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }".PadRight(51) + "\n";
        byte[] file = [0x93, .. "NUMPY"u8, 2, 0, (byte)header.Length, 0, 0, 0, .. Encoding.ASCII.GetBytes(header), 7, 8];
        var array = NpyFile.Read(dir.Write("v2.npy", file));
        Assert.Equal(new byte[] { 7, 8 }, array.UInt8.ToArray());
    }

    [Fact]
    public void FortranOrder_IsAClearError()
    {
        using var dir = new TempDirectory();
        var path = Header(dir, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", 16);
        Assert.Equal($"{path}: fortran_order is True; only C-order arrays are supported (save with np.ascontiguousarray)",
            Assert.Throws<DatasetException>(() => NpyFile.Read(path)).Message);
    }

    [Fact]
    public void ShapeDisagreeingWithLength_UnsupportedDtypeAndBadMagic_AreNamed()
    {
        using var dir = new TempDirectory();
        var shortFile = Header(dir, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", 40);
        Assert.Contains("shape (3, 4) of '<f4' needs 48 bytes of data, the file holds 40", Error(shortFile));
        Assert.Contains("dtype '<f8' is not supported (supported: '<f4', '|u1')", Error(Header(dir, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 8)));
        Assert.Contains("has no valid 'shape' field", Error(Header(dir, "{'descr': '<f4', 'fortran_order': False}", 0)));
        Assert.Contains("not a .npy file (bad magic)", Error(dir.Write("x.npy", "hello world")));
        Assert.Throws<ArgumentException>(() => NpyFile.Write(dir.File("w.npy"), new float[5], [2, 3]));
    }

    private static string Header(TempDirectory dir, string dict, int dataBytes)
    {
        var header = dict.PadRight(117) + "\n";
        byte[] file = [0x93, .. "NUMPY"u8, 1, 0, (byte)header.Length, 0, .. Encoding.ASCII.GetBytes(header), .. new byte[dataBytes]];
        return dir.Write($"h{Guid.NewGuid():N}.npy", file);
    }

    private static string Error(string path) => Assert.Throws<DatasetException>(() => NpyFile.Read(path)).Message;
}
