using Contrastive.IO;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _dir = new("contrastive-atomic");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Writes_the_file_and_creates_its_directory()
    {
        var path = _dir.File(Path.Combine("sub", "a.txt"));
        AtomicFile.WriteAllText(path, "héllo");
        Assert.Equal("héllo", File.ReadAllText(path));
        Assert.Equal([0x68, 0xC3, 0xA9], File.ReadAllBytes(path)[..3]); // UTF-8, no byte-order mark
    }

    [Fact]
    public void A_failed_write_keeps_the_previous_file_and_leaves_no_temporary()
    {
        var path = _dir.File("model.bin");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write([9, 9, 9, 9, 9]);
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal(["model.bin"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }
}
