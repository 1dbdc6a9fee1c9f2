using Contrastive.Evaluation.Classification;
using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Training;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Contrastive.Compression;

/// <summary>Compares a compressed encoder with the one it came from.</summary>
public static class CompressionCheck
{
    /// <summary>Embeds the test part with both encoders and compares the embeddings; on labeled data also the kNN
    /// accuracy (k = <paramref name="k"/>, the training part as memory, as <c>eval</c> reports it).</summary>
    public static CompressionCheckResult Compare(EvaluationData data, Module original, Module compressed, int k = 200)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(compressed);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var before = data.EmbedTest(original);
        var after = data.EmbedTest(compressed);
        var (mean, min) = Cosines(before, after);
        if (!data.IsLabeled) return new CompressionCheckResult(mean, min, null, null, k);
        var options = new KnnOptions { K = Math.Min(k, data.TrainCount), Classes = data.ClassCount };
        double Knn(Module encoder, Tensor queries) => KnnClassifier.Evaluate(data.EmbedTrain(encoder), data.TrainLabels!, queries, data.TestLabels!, options).Top1;
        return new CompressionCheckResult(mean, min, Knn(original, before), Knn(compressed, after), options.K);
    }

    /// <summary>Mean and minimum over rows i of cos(a_i, b_i) = a_i . b_i / (|a_i| |b_i|).</summary>
    private static (double Mean, double Min) Cosines(Tensor a, Tensor b)
    {
        var (rows, dim) = (a.Size(0), a.Size(1));
        double sum = 0, min = 1;
        for (var i = 0; i < rows; i++)
        {
            double cosine = TensorPrimitives.CosineSimilarity(a.Span.Slice(i * dim, dim), b.Span.Slice(i * dim, dim));
            sum += cosine;
            min = Math.Min(min, cosine);
        }
        return (rows == 0 ? 1 : sum / rows, min);
    }
}
