using Contrastive.Evaluation.Retrieval;

namespace Contrastive.Text;

/// <summary>Held-out retrieval and classification figures of one representation (the learned encoder, or TF-IDF).</summary>
/// <param name="Name">What was evaluated.</param>
/// <param name="Retrieval">Pairs and triplets: each held-out anchor retrieving its positives among all held-out positives.</param>
/// <param name="KnnAccuracy">Labelled texts: kNN top-1 accuracy of the held-out texts against the training texts.</param>
/// <param name="LinearProbeAccuracy">Labelled texts: top-1 accuracy of a linear probe trained on the training texts.</param>
public sealed record TextScores(string Name, RetrievalResult? Retrieval, double? KnnAccuracy, double? LinearProbeAccuracy = null);
