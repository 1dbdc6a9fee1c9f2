using Contrastive.IO;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Serving.Tests;

/// <summary>The persisted gallery index: reused while the model file and the gallery inputs are unchanged, recomputed
/// (and rewritten) when either changes or the file is damaged.</summary>
public sealed class GalleryIndexFileTests : IDisposable
{
    private readonly TempDirectory _run = new("contrastive-gallery-index");
    private int _embedded;

    public void Dispose() => _run.Dispose();

    private (Tensor Embeddings, bool Reloaded) Index(float[] inputs) =>
        GalleryIndexFile.EmbedOrLoad(_run.Path, inputs, [inputs.Length / 2, 2], () =>
        {
            _embedded++;
            return Tensor.FromArray([.. inputs.Select(v => v * 10 + _embedded)], inputs.Length / 2, 2);
        });

    private void SaveModel(float weight) => SafeTensors.Write(_run.File("model.safetensors"), [("w", Tensor.FromArray([weight], 1), SafeTensorsDtype.F32)]);

    [Fact]
    public void The_index_is_reused_until_the_model_or_the_gallery_changes()
    {
        SaveModel(1);
        float[] gallery = [1, 2, 3, 4];
        var first = Index(gallery);
        Assert.False(first.Reloaded);
        var again = Index(gallery);
        Assert.True(again.Reloaded);
        Assert.Equal(first.Embeddings.ToArray(), again.Embeddings.ToArray());
        Assert.Equal(1, _embedded);

        Assert.False(Index([1, 2, 3, 5]).Reloaded); // other gallery
        Assert.False(Index([1, 2, 3, 4, 0, 0]).Reloaded); // more items
        SaveModel(2);
        Assert.False(Index(gallery).Reloaded); // retrained model
        Assert.True(Index(gallery).Reloaded);

        var path = _run.File(RunFiles.GalleryIndex);
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 1;
        File.WriteAllBytes(path, bytes);
        Assert.False(Index(gallery).Reloaded); // damaged: recomputed and replaced
        Assert.True(Index(gallery).Reloaded);
        Assert.Equal(5, _embedded);
    }
}
