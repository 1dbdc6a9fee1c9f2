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

    [Fact]
    public void Leftovers_of_a_killed_write_are_deleted_and_nothing_else()
    {
        var leftover = _dir.Write($".checkpoint.safetensors.{Guid.NewGuid():N}.tmp", "half");
        string[] kept = [_dir.Write("checkpoint.safetensors", "whole"), _dir.Write(".notes.tmp", "mine"), _dir.Write($".x.{Guid.NewGuid():N}.txt", "other")];
        Assert.Equal(1, AtomicFile.DeleteLeftovers(_dir.Path));
        Assert.False(File.Exists(leftover));
        Assert.All(kept, f => Assert.True(File.Exists(f), f));
        Assert.Equal(0, AtomicFile.DeleteLeftovers(_dir.File("missing")));
    }
}
