using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Contrastive.IO;
using Contrastive.Tensors;

namespace Contrastive.Serving;

/// <summary>
/// The gallery's embeddings saved next to the run (<see cref="RunFiles.GalleryIndex"/>), so that <c>serve</c> does not re-embed an
/// unchanged gallery at every start: the file records the SHA-256 of the run's <c>model.safetensors</c> and of the
/// gallery's inputs (shape and values), and is reused only when both match; otherwise the gallery is embedded again and
/// the file rewritten (atomically, with its checksum). A run folder that cannot be written only loses the reuse.
/// </summary>
public static class GalleryIndexFile
{
    /// <summary>The gallery embeddings for <paramref name="inputs"/> (shape <paramref name="shape"/>): read from the run's
    /// file when it was made by the same model from the same inputs, else computed by <paramref name="embed"/> and saved.</summary>
    /// <returns>The (N, D) embeddings and whether they were reloaded rather than computed.</returns>
    public static (Tensor Embeddings, bool Reloaded) EmbedOrLoad(string runDirectory, ReadOnlySpan<float> inputs, IReadOnlyList<int> shape, Func<Tensor> embed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return EmbedOrLoad(runDirectory, GalleryHash(inputs, shape), embed);
    }

    /// <summary>The gallery embeddings for the texts <paramref name="texts"/>: read from the run's file when it was made
    /// by the same model from the same texts, else computed by <paramref name="embed"/> and saved.</summary>
    /// <returns>The (N, D) embeddings and whether they were reloaded rather than computed.</returns>
    public static (Tensor Embeddings, bool Reloaded) EmbedOrLoad(string runDirectory, IReadOnlyList<string> texts, Func<Tensor> embed)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return EmbedOrLoad(runDirectory, TextsHash(texts), embed);
    }

    private static (Tensor Embeddings, bool Reloaded) EmbedOrLoad(string runDirectory, string galleryHash, Func<Tensor> embed)
    {
        ArgumentNullException.ThrowIfNull(embed);
        var run = new RunDirectory(runDirectory);
        var path = run.GalleryIndex;
        var key = new Dictionary<string, string>
        {
            ["model_sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(run.Model))),
            ["gallery_sha256"] = galleryHash,
        };
        if (Saved(path, key) is { } saved) return (saved, true);
        var embeddings = embed();
        try
        {
            SafeTensors.Write(path, [("embeddings", embeddings, SafeTensorsDtype.F32)], key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only run folder: serve works, it just embeds again next time.
        }
        return (embeddings, false);
    }

    /// <summary>The saved embeddings when the file exists, is intact and matches <paramref name="key"/>.</summary>
    private static Tensor? Saved(string path, Dictionary<string, string> key)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var content = SafeTensors.Read(path);
            var matches = key.All(kv => content.Metadata.GetValueOrDefault(kv.Key) == kv.Value);
            return matches && content.Tensors.TryGetValue("embeddings", out var embeddings) && embeddings.Rank == 2 ? embeddings : null;
        }
        catch (InvalidDataException)
        {
            return null; // damaged: embed again and replace it
        }
    }

    /// <summary>SHA-256 over the texts, each as its UTF-8 length and bytes (so no two lists of texts share a hash by
    /// where they split), after a tag that keeps it apart from any image or table gallery.</summary>
    private static string TextsHash(IReadOnlyList<string> texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData("texts"u8);
        hash.AppendData(BitConverter.GetBytes(texts.Count));
        foreach (var text in texts)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string GalleryHash(ReadOnlySpan<float> inputs, IReadOnlyList<int> shape)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var d in shape) hash.AppendData(BitConverter.GetBytes(d));
        hash.AppendData(MemoryMarshal.AsBytes(inputs));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
