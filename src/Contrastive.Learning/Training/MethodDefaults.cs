namespace Contrastive.Training;

/// <summary>The names the CLI accepts and each method's paper defaults.</summary>
public static class MethodDefaults
{
    /// <summary>Method names.</summary>
    public static readonly IReadOnlyList<string> Methods = ["simclr", "moco", "byol", "simsiam", "barlow", "supcon", "siamese", "triplet", "classifier"];

    /// <summary>Encoder architectures.</summary>
    public static readonly IReadOnlyList<string> Architectures = ["bench", "resnet18", "mlp"];

    /// <summary>Optimisers.</summary>
    public static readonly IReadOnlyList<string> Optimizers = ["sgd", "adamw", "lars"];

    /// <summary>Triplet miners.</summary>
    public static readonly IReadOnlyList<string> Miners = ["semi-hard", "batch-hard", "batch-all", "distance-weighted"];

    /// <summary>The loss temperature a method uses when none is given.</summary>
    public static float Temperature(string method) => method switch
    {
        "moco" => 0.2f,
        "supcon" => 0.1f,
        _ => 0.5f,
    };

    /// <summary>The projection size a method uses when none is given: the bench spec's 64 for the contrastive
    /// methods; wider for the non-contrastive ones, whose predictors and decorrelation need room.</summary>
    public static int ProjectionDim(string method) => method is "byol" or "simsiam" or "barlow" ? 128 : 64;

    /// <summary>
    /// The base learning rate: SimCLR's linear scaling 0.06 * B / 256 for SGD and LARS, 1e-3 for AdamW. Barlow Twins
    /// with SGD divides it by the projection size D: its loss sums D diagonal terms of order 1, so its gradients are
    /// about D times larger than NT-Xent's (LARS and AdamW are insensitive to that scale). On the demo split, 2 epochs,
    /// kNN rose from 49.7% at 0.06 to 66.8% at 0.0006.
    /// </summary>
    public static float LearningRate(string method, string optimizer, int batch, int projectionDim) => optimizer switch
    {
        "adamw" => 1e-3f,
        "sgd" when method == "barlow" => 0.06f * batch / 256f / projectionDim,
        _ => 0.06f * batch / 256f,
    };

    /// <summary>The weight decay: 5e-4 (SGD, bench spec), 0.05 (AdamW), 1e-6 (LARS, SimCLR).</summary>
    public static float WeightDecay(string optimizer) => optimizer switch
    {
        "adamw" => 0.05f,
        "lars" => 1e-6f,
        _ => 5e-4f,
    };

    /// <summary>The margin of the metric-learning losses on normalised embeddings.</summary>
    public static float Margin(string method) => method == "siamese" ? 0.5f : 0.2f;

    /// <summary>True for methods that train on two augmented views per image.</summary>
    public static bool UsesTwoViews(string method) => method != "classifier";
}
