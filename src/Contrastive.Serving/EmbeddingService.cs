using Contrastive.Evaluation;
using Contrastive.Evaluation.Retrieval;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Serving;

/// <summary>
/// A trained encoder and an exact cosine index over the embeddings of a gallery: embeds the items of a request and
/// finds their nearest gallery items. Requests may arrive concurrently; each borrows one replica of the encoder from an
/// <see cref="EncoderPool"/>, so as many batches encode at once as the pool holds replicas.
/// </summary>
public sealed class EmbeddingService
{
    /// <summary>The most items one request may carry.</summary>
    public const int MaxItems = 256;

    private readonly EncoderPool _encoders;

    /// <summary>Creates the service; <paramref name="galleryEmbeddings"/> must come from the same encoder.</summary>
    /// <param name="description">The run's method and architecture, for /healthz.</param>
    /// <param name="encoders">Replicas of the trained encoder (run in eval mode without gradients), for a CLIP run (the
    /// encoder being its <see cref="Models.TwoTowerModel"/>) or a text run (with a <see cref="TextQueryDecoder"/>) with their
    /// text query encoder.</param>
    /// <param name="decoder">Turns request items into the encoder's input.</param>
    /// <param name="galleryEmbeddings">The encoder's (N, D) output over the gallery, in gallery order.</param>
    /// <param name="gallery">The gallery's labels, to name search hits.</param>
    /// <exception cref="ArgumentException">The gallery labels do not match the embeddings.</exception>
    public EmbeddingService(string description, EncoderPool encoders, QueryDecoder decoder, Tensor galleryEmbeddings, Gallery gallery)
    {
        ArgumentNullException.ThrowIfNull(encoders);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(gallery);
        Index = new VectorIndex(galleryEmbeddings);
        if (gallery.Labels is { } labels && labels.Length != Index.Count)
            throw new ArgumentException($"the gallery has {labels.Length} labels for {Index.Count} embeddings", nameof(gallery));
        if (gallery.Texts is { } galleryTexts && galleryTexts.Count != Index.Count)
            throw new ArgumentException($"the gallery has {galleryTexts.Count} texts for {Index.Count} embeddings", nameof(gallery));
        if (gallery.Rows is { } rows && rows.Count != Index.Count)
            throw new ArgumentException($"the gallery has {rows.Count} rows for {Index.Count} embeddings", nameof(gallery));
        if (decoder is TextQueryDecoder && !encoders.EmbedsTexts)
            throw new ArgumentException("a text decoder needs the text encoder that embeds its queries", nameof(encoders));
        (Description, _encoders, Decoder, Gallery) = (description, encoders, decoder, gallery);
    }

    /// <summary>Replicas of the encoder: requests that can encode at once.</summary>
    public int Encoders => _encoders.Count;

    /// <summary>The run's method and architecture.</summary>
    public string Description { get; }

    /// <summary>Turns request items into the encoder's input.</summary>
    public QueryDecoder Decoder { get; }

    /// <summary>The gallery's source and labels.</summary>
    public Gallery Gallery { get; }

    /// <summary>The cosine index over the gallery's embeddings.</summary>
    public VectorIndex Index { get; }

    /// <summary>True when the gallery embeddings were reloaded from the run's <see cref="GalleryIndexFile"/> rather than computed.</summary>
    public bool IndexReloaded { get; init; }

    /// <summary>What <c>/embed</c> and <c>/similar</c> take, e.g. "1x28x28 images or texts".</summary>
    public string InputDescription => Decoder.InputDescription + (!_encoders.EmbedsTexts || Decoder is TextQueryDecoder ? "" : " or texts");

    /// <summary>The (N, D) embeddings of the request's images, rows or texts.</summary>
    /// <exception cref="QueryException">The request holds no items, several kinds, too many, or an item is malformed.</exception>
    public Tensor Embed(QueryItems items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (new object?[] { items.Images, items.Rows, items.Texts }.Count(kind => kind is not null) > 1)
            throw new QueryException("send one of \"images\", \"rows\" or \"texts\", not several");
        if (items.Texts is { } texts)
        {
            if (!_encoders.EmbedsTexts)
                throw new QueryException($"this model does not embed texts (a CLIP run or a text run does); it takes {InputDescription}");
            CheckCount(texts, "texts");
            return _encoders.Use(replica => replica.Texts!.Embed(texts));
        }
        var input = items switch
        {
            { Images: { } images } => Decoder.DecodeImages(CheckCount(images, "images")),
            { Rows: { } rows } => Decoder.DecodeRows(CheckCount(rows, "rows")),
            _ => throw new QueryException($"the request has no \"images\", \"rows\" or \"texts\"; this model takes {InputDescription}"),
        };
        return _encoders.Use(replica => replica.Encoder.Inference(() => replica.Encoder.Forward(input)));
    }

    /// <summary>The <see cref="SimilarQuery.K"/> gallery items nearest to each query, best first, labelled when the
    /// gallery is and with their text when it holds texts. The queries are images, rows or texts to embed, or embeddings.</summary>
    /// <exception cref="QueryException">k is outside [1, <see cref="MaxItems"/>], the query holds several kinds of
    /// item, or an item is malformed (a query embedding of the wrong size or not finite).</exception>
    public SimilarHit[][] Similar(SimilarQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.K is < 1 or > MaxItems) throw new QueryException($"k is {query.K}; it must be between 1 and {MaxItems}");
        var queries = query.Embeddings switch
        {
            null => Embed(query),
            { } embeddings when query.Images is null && query.Rows is null && query.Texts is null => QueryEmbeddings(embeddings),
            _ => throw new QueryException("send one of \"images\", \"rows\", \"texts\" or \"embeddings\", not several"),
        };
        var found = Index.Search(queries, query.K);
        return Array.ConvertAll(found, row => Array.ConvertAll(row,
            hit => new SimilarHit(Gallery.RowOf(hit.Index), hit.Similarity, Gallery.LabelOf(hit.Index), Gallery.TextOf(hit.Index))));
    }

    private Tensor QueryEmbeddings(IReadOnlyList<float[]> embeddings)
    {
        CheckCount(embeddings, "embeddings");
        var d = Index.Dim;
        var values = new float[embeddings.Count * d];
        for (var i = 0; i < embeddings.Count; i++)
        {
            var row = embeddings[i] ?? throw new QueryException($"embeddings[{i}] is null");
            if (row.Length != d) throw new QueryException($"embeddings[{i}] has {row.Length} values; the index holds {d}-dimensional embeddings");
            if (!Array.TrueForAll(row, float.IsFinite)) throw new QueryException($"embeddings[{i}] has a non-finite value");
            row.CopyTo(values, i * d);
        }
        return new Tensor(values, [embeddings.Count, d]);
    }

    private static IReadOnlyList<T> CheckCount<T>(IReadOnlyList<T> items, string name) =>
        items.Count is > 0 and <= MaxItems ? items
            : throw new QueryException($"\"{name}\" holds {items.Count} items; send 1 to {MaxItems} per request");
}
