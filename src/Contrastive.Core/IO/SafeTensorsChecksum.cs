using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Contrastive.IO;

public static partial class SafeTensors
{
    /// <summary>
    /// The <c>__metadata__</c> key of the checksum every file written here carries: <c>sha256:</c> and 64 hex digits,
    /// the SHA-256 of the tensors' names, dtypes, shapes and offsets in data order (then by name), the other metadata sorted by key, and
    /// the data section. <see cref="Read"/> verifies it when present (files from other writers have none).
    /// </summary>
    public const string ChecksumKey = "checksum";

    private const string ChecksumPrefix = "sha256:";
    private static readonly System.Buffers.SearchValues<char> s_hexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>The checksum of a file whose header describes <paramref name="entries"/> (in data order) and
    /// <paramref name="metadata"/>, and whose data section <paramref name="writeData"/> writes.</summary>
    private static string Checksum(IReadOnlyList<Entry> entries, IReadOnlyDictionary<string, string> metadata, Action<Stream> writeData)
    {
        using var sha = SHA256.Create();
        using (var stream = new CryptoStream(Stream.Null, sha, CryptoStreamMode.Write))
        {
            var text = new StringBuilder();
            // Empty tensors share offsets, so the order among them is by name: the reader's sort may list them otherwise.
            foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ThenBy(e => e.Name, StringComparer.Ordinal))
                text.Append(e.Name).Append('\0').Append(e.Dtype).Append('\0').AppendJoin(',', e.Shape).Append('\0').Append(e.Begin).Append(',').Append(e.End).Append('\n');
            foreach (var (key, value) in metadata.Where(kv => kv.Key != ChecksumKey).OrderBy(kv => kv.Key, StringComparer.Ordinal))
                text.Append(key).Append('\0').Append(value).Append('\n');
            var header = Encoding.UTF8.GetBytes(text.ToString());
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(length, header.Length);
            stream.Write(length);
            stream.Write(header);
            writeData(stream);
        }
        return ChecksumPrefix + Convert.ToHexStringLower(sha.Hash!);
    }

    /// <summary>Throws when the metadata holds a checksum that the file's contents do not match.</summary>
    private static void VerifyChecksum(SafeFileHandle handle, List<Entry> entries, Dictionary<string, string> metadata, long dataStart, long dataLength, string path)
    {
        if (!metadata.Remove(ChecksumKey, out var recorded)) return;
        if (!recorded.StartsWith(ChecksumPrefix, StringComparison.Ordinal) || recorded.Length != ChecksumPrefix.Length + 64 || recorded.AsSpan(ChecksumPrefix.Length).ContainsAnyExcept(s_hexDigits))
            throw Bad(path, $"the {ChecksumKey} '{recorded}' is not '{ChecksumPrefix}' and 64 hex digits");
        var actual = Checksum(entries, metadata, stream =>
        {
            var buffer = new byte[(int)Math.Min(dataLength, 1 << 20)];
            for (long done = 0; done < dataLength;)
            {
                var part = buffer.AsSpan(0, (int)Math.Min(buffer.Length, dataLength - done));
                ReadExactly(handle, part, dataStart + done, path);
                stream.Write(part);
                done += part.Length;
            }
        });
        if (actual != recorded)
            throw Bad(path, $"checksum mismatch: the contents hash to {actual} but the header records {recorded}; the file is corrupt (damaged on disk or in transfer, or edited)");
    }
}
