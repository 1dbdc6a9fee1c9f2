namespace Contrastive.IO;

/// <summary>
/// Writes a file through a temporary file in the same directory and a rename, so readers see either the old file or
/// the complete new one: a crash or an exception mid-write leaves the previous file intact and no temporary behind.
/// </summary>
public static class AtomicFile
{
    /// <summary>Runs <paramref name="write"/> into a temporary file, flushes it to disk and renames it to
    /// <paramref name="path"/> (creating the directory when missing).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            if (File.Exists(temp)) File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Deletes the temporary files that writes into <paramref name="directory"/> left behind when the process was killed
    /// mid-write (<c>.NAME.GUID.tmp</c>); call it only when no other process writes there.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public static int DeleteLeftovers(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        var leftovers = Directory.EnumerateFiles(directory, ".*" + TemporarySuffix).Where(f => IsTemporary(Path.GetFileName(f))).ToList();
        foreach (var file in leftovers) File.Delete(file);
        return leftovers.Count;
    }

    private const string TemporarySuffix = ".tmp";

    /// <summary>True for <c>.NAME.GUID.tmp</c>, GUID being 32 hex digits.</summary>
    private static bool IsTemporary(string name) =>
        name.Length > 38 && name[0] == '.' && name.EndsWith(TemporarySuffix, StringComparison.Ordinal) && name[^37] == '.'
        && Guid.TryParseExact(name[^36..^4], "N", out _);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream => stream.Write(new System.Text.UTF8Encoding(false).GetBytes(text)));
    }
}
