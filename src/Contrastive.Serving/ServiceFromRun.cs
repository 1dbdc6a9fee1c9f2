using Contrastive.Data;
using Contrastive.Data.Text;
using Contrastive.Models;
using Contrastive.Runs;
using Contrastive.Text;
using Contrastive.Training;

namespace Contrastive.Serving;

/// <summary>Builds an <see cref="EmbeddingService"/> from a run directory written by <c>contrastive train</c> and the
/// gallery to search, embedded once (and reused at later starts while model and gallery are unchanged: <see cref="GalleryIndexFile"/>).
/// <c>encoders</c> is the number of replicas of the model the service encodes with at once (<see cref="EncoderPool"/>).</summary>
public static class ServiceFromRun
{
    /// <summary>A service for an image encoder: queries are image files, converted to the gallery's geometry, and for
    /// a CLIP run also texts, embedded by its text tower.</summary>
    /// <exception cref="FileNotFoundException">The run directory lacks config.json or model.safetensors.</exception>
    /// <exception cref="InvalidDataException">The weights do not fit the gallery's geometry.</exception>
    public static EmbeddingService Images(string runDirectory, ImageDataset gallery, int encoders = 1)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        var geometry = InputGeometry.Image(gallery.Channels, gallery.Height, gallery.Width);
        var (config, model) = RunModel.Load(runDirectory, geometry);
        var tokenizer = model.Encoder is TwoTowerModel ? ClipRun.Tokenizer(runDirectory) : null;
        EncoderReplica Replica(EmbeddingModel loaded) => new(loaded.Encoder, loaded.Encoder is TwoTowerModel towers
            ? new TextQueryEncoder(towers, tokenizer!, config.MaxTextLength ?? MethodDefaults.MaxTextLength)
            : null);
        var (embeddings, reloaded) = GalleryIndexFile.EmbedOrLoad(runDirectory, gallery.Pixels, [gallery.Count, gallery.Channels, gallery.Height, gallery.Width],
            () => Embedder.Embed(model.Encoder, gallery));
        var decoder = new ImageQueryDecoder(gallery.Channels, gallery.Height, gallery.Width);
        var searched = new Gallery(gallery.Source, gallery.Labels, gallery.ClassNames);
        var pool = EncoderPool.Load(encoders, i => Replica(i == 0 ? model : RunModel.Load(runDirectory, geometry).Model));
        return new EmbeddingService(Describe(config), pool, decoder, embeddings, searched) { IndexReloaded = reloaded };
    }

    /// <summary>A service for a table encoder: queries are raw feature rows, standardised with the run's statistics.
    /// <paramref name="gallery"/> must already be standardised (as <see cref="TabularRun"/> loads it).</summary>
    /// <exception cref="FileNotFoundException">The run directory lacks config.json or model.safetensors.</exception>
    /// <exception cref="DatasetException">The run has no standardisation (it was not trained on a table).</exception>
    public static EmbeddingService Table(string runDirectory, TabularDataset gallery, IReadOnlyList<string>? classNames, int encoders = 1)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        var standardizer = TabularRun.Standardizer(runDirectory);
        var geometry = InputGeometry.Table(gallery.FeatureCount);
        var (config, model) = RunModel.Load(runDirectory, geometry);
        var (embeddings, reloaded) = GalleryIndexFile.EmbedOrLoad(runDirectory, gallery.Features, [gallery.Count, gallery.FeatureCount],
            () => Embedder.Embed(model.Encoder, gallery));
        var searched = new Gallery(gallery.Source, gallery.Labels, classNames);
        var pool = EncoderPool.Load(encoders, i => new EncoderReplica((i == 0 ? model : RunModel.Load(runDirectory, geometry).Model).Encoder));
        return new EmbeddingService(Describe(config), pool, new TableQueryDecoder(standardizer), embeddings, searched) { IndexReloaded = reloaded };
    }

    /// <summary>A service for a text run (<c>--data wordnet | fortunes | FILE</c>, any text encoder): queries are texts,
    /// embedded by the run's sentence encoder and tokenizer as <c>contrastive embed</c> embeds them; the gallery is the
    /// texts (anchors) of <paramref name="gallery"/>'s records, a text repeated by several records (a WordNet gloss with
    /// each of its examples) searched once under its first record's row; hits carry their text and label.</summary>
    /// <exception cref="FileNotFoundException">The run directory lacks config.json, model.safetensors or tokenizer.json.</exception>
    /// <exception cref="InvalidDataException">The weights do not fit the configured encoder.</exception>
    public static EmbeddingService Texts(string runDirectory, TextCorpus gallery, int encoders = 1)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        var (config, encoder, tokenizer) = TextRun.Load(runDirectory);
        var maxLength = config.MaxTextLength ?? MethodDefaults.MaxTextLength;
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < gallery.Count; row++) first.TryAdd(gallery.Anchors[row], row);
        int[] rows = [.. first.Values.Order()];
        string[] texts = [.. rows.Select(r => gallery.Anchors[r])];
        var labels = gallery.Labels is { } all ? rows.Select(r => all[r]).ToArray() : null;
        var (embeddings, reloaded) = GalleryIndexFile.EmbedOrLoad(runDirectory, texts, () => Embedder.Embed(encoder, new TokenizedTexts(texts, tokenizer, maxLength, gallery.Source)));
        var searched = new Gallery(gallery.Source, labels, gallery.ClassNames) { Texts = texts, Rows = rows.Length == gallery.Count ? null : rows };
        var pool = EncoderPool.Load(encoders, i =>
        {
            var replica = i == 0 ? encoder : TextRun.Load(runDirectory).Encoder;
            return new EncoderReplica(replica, TextQueryEncoder.ForSentenceEncoder(replica, tokenizer, maxLength));
        });
        return new EmbeddingService(Describe(config), pool, new TextQueryDecoder(maxLength), embeddings, searched) { IndexReloaded = reloaded };
    }

    private static string Describe(TrainConfig config) => $"{config.Method} --arch {config.Arch}";
}
