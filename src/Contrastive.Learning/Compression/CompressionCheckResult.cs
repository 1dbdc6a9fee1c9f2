namespace Contrastive.Compression;

/// <summary>How far a compressed encoder's embeddings are from the original's on the test part of some data.</summary>
/// <param name="MeanCosine">Mean cosine similarity between the two embeddings of the same test sample.</param>
/// <param name="MinCosine">The smallest of those similarities.</param>
/// <param name="KnnBefore">kNN top-1 accuracy of the original encoder, or null for unlabeled data.</param>
/// <param name="KnnAfter">kNN top-1 accuracy of the compressed encoder, or null for unlabeled data.</param>
/// <param name="K">The kNN neighbour count used.</param>
public sealed record CompressionCheckResult(double MeanCosine, double MinCosine, double? KnnBefore, double? KnnAfter, int K);
