using Contrastive.Data;
using Contrastive.Models;
using Contrastive.Training;

namespace Contrastive.Serving;

/// <summary>Builds an <see cref="EmbeddingService"/> from a run directory written by <c>contrastive train</c> and the
/// gallery to search, embedded once (and reused at later starts while model and gallery are unchanged: <see cref="GalleryIndexFile"/>).</summary>
public static class ServiceFromRun
{
    /// <summary>A service for an image encoder: queries are image files, converted to the gallery's geometry, and for
    /// a CLIP run also texts, embedded by its text tower.</summary>
    /// <exception cref="FileNotFoundException">The run directory lacks config.json or model.safetensors.</exception>
    /// <exception cref="InvalidDataException">The weights do not fit the gallery's geometry.</exception>
    public static EmbeddingService Images(string runDirectory, ImageDataset gallery)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        var (config, model) = RunModel.Load(runDirectory, InputGeometry.Image(gallery.Channels, gallery.Height, gallery.Width));
        var texts = model.Encoder is TwoTowerModel towers
            ? new TextQueryEncoder(towers, ClipRun.Tokenizer(runDirectory), config.MaxTextLength ?? MethodDefaults.MaxTextLength)
            : null;
        var (embeddings, reloaded) = GalleryIndexFile.EmbedOrLoad(runDirectory, gallery.Pixels, [gallery.Count, gallery.Channels, gallery.Height, gallery.Width],
            () => Embedder.Embed(model.Encoder, gallery));
        var decoder = new ImageQueryDecoder(gallery.Channels, gallery.Height, gallery.Width);
        var searched = new Gallery(gallery.Source, gallery.Labels, gallery.ClassNames);
        return new EmbeddingService(Describe(config), model.Encoder, decoder, embeddings, searched, texts) { IndexReloaded = reloaded };
    }

    /// <summary>A service for a table encoder: queries are raw feature rows, standardised with the run's statistics.
    /// <paramref name="gallery"/> must already be standardised (as <see cref="TabularRun"/> loads it).</summary>
    /// <exception cref="FileNotFoundException">The run directory lacks config.json or model.safetensors.</exception>
    /// <exception cref="DatasetException">The run has no standardisation (it was not trained on a table).</exception>
    public static EmbeddingService Table(string runDirectory, TabularDataset gallery, IReadOnlyList<string>? classNames)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        var standardizer = TabularRun.Standardizer(runDirectory);
        var (config, model) = RunModel.Load(runDirectory, InputGeometry.Table(gallery.FeatureCount));
        var (embeddings, reloaded) = GalleryIndexFile.EmbedOrLoad(runDirectory, gallery.Features, [gallery.Count, gallery.FeatureCount],
            () => Embedder.Embed(model.Encoder, gallery));
        var searched = new Gallery(gallery.Source, gallery.Labels, classNames);
        return new EmbeddingService(Describe(config), model.Encoder, new TableQueryDecoder(standardizer), embeddings, searched) { IndexReloaded = reloaded };
    }

    private static string Describe(TrainConfig config) => $"{config.Method} --arch {config.Arch}";
}
