using System.Globalization;
using Contrastive.Data;
using Contrastive.Evaluation;
using Contrastive.Evaluation.Clustering;
using Contrastive.Nn;
using Contrastive.Training;

namespace Contrastive.Runs;

/// <summary>
/// Labels from the data itself: the training images' representations by a starting encoder (pre-trained, or from an
/// earlier self-supervised run), clustered by <see cref="SphericalKMeans"/>, the cluster ids standing in for classes. A
/// method that trains on labels (SupCon, triplet, ...) then pulls each cluster together and apart from the others,
/// which sharpens the neighbourhoods the encoder already has (DeepCluster, Caron et al. 2018: clustered once, or again
/// every few epochs by <see cref="Reclustering"/>).
/// </summary>
public static class PseudoLabels
{
    /// <summary>The largest number of clusters accepted.</summary>
    public const int MaxClusters = 10_000;

    /// <summary><paramref name="train"/> relabelled with the cluster ids of its representations by <paramref name="encoder"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two clusters, or more clusters than images.</exception>
    public static ImageDataset Assign(Module encoder, ImageDataset train, int clusters, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(train);
        var embeddings = EmbeddingMatrix.FromTensor(Embedder.Embed(encoder, train));
        var labels = SphericalKMeans.Assign(embeddings, clusters, seed);
        var names = Enumerable.Range(0, clusters).Select(j => "cluster " + j.ToString(CultureInfo.InvariantCulture)).ToArray();
        return train.WithLabels(labels, names, $"{train.Source} ({clusters} k-means clusters as labels)");
    }
}
