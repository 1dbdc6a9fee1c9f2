namespace Contrastive.Training;

/// <summary>The names the CLI accepts and each method's paper defaults.</summary>
public static class MethodDefaults
{
    /// <summary>Method names.</summary>
    public static readonly IReadOnlyList<string> Methods = ["simclr", "moco", "byol", "simsiam", "barlow", "supcon", "siamese", "triplet", "classifier", "clip"];

    /// <summary>Encoder architectures.</summary>
    public static readonly IReadOnlyList<string> Architectures = ["bench", "resnet18", "mlp", Models.ImageNetResNet18.Name];

    /// <summary>Pre-trained backbones <c>--backbone</c> starts an image encoder from (each is also an architecture).</summary>
    public static readonly IReadOnlyList<string> Backbones = [Models.ImageNetResNet18.Name];

    /// <summary>The side of the square images a pre-trained ImageNet backbone sees when no input size is given: 64
    /// pixels, a twelfth of the compute of the native 224 (28-pixel Fashion-MNIST gains nothing from more).</summary>
    public const int BackboneInputSize = 64;

    /// <summary>Optimisers.</summary>
    public static readonly IReadOnlyList<string> Optimizers = ["sgd", "adamw", "lars"];

    /// <summary>Every method but clip: those with one image encoder trained on augmented image views.</summary>
    private static readonly string[] AllButClip = [.. Methods.Where(m => m != "clip")];

    /// <summary>The options (config.json names) that configure only some methods, with those methods; the others ignore them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> MethodSpecificOptions = new Dictionary<string, string[]>
    {
        ["temperature"] = ["simclr", "moco", "supcon"],
        ["momentum"] = ["moco", "byol"],
        ["queue-size"] = ["moco"],
        ["margin"] = ["siamese", "triplet"],
        ["miner"] = ["triplet"],
        ["lambda"] = ["barlow"],
        ["no-stop-gradient"] = ["simsiam"],
        ["freeze-encoder"] = AllButClip,
        ["encoder-lr-scale"] = AllButClip,
        ["train-blocks"] = AllButClip,
        ["grad-cache-chunk"] = ["simclr", "moco"],
        ["views"] = ["simclr"],
        ["decoupled"] = ["simclr"],
        ["local-crops"] = ["simclr"],
        ["crop-scale"] = ["simclr", "moco", "simsiam", "barlow", "supcon", "siamese", "triplet"],
        ["rotation"] = AllButClip,
        ["noise"] = AllButClip,
        ["erasing"] = AllButClip,
        ["curriculum-start"] = AllButClip,
        ["hidden-dim"] = ["simclr", "moco", "byol", "simsiam", "barlow", "supcon", "siamese", "triplet"],
        ["max-text-length"] = ["clip"],
        ["text-width"] = ["clip"],
        ["text-layers"] = ["clip"],
    };

    /// <summary>True when <paramref name="option"/> (a config.json name) has an effect on <paramref name="method"/>.</summary>
    public static bool OptionApplies(string option, string method) =>
        !MethodSpecificOptions.TryGetValue(option, out var methods) || methods.Contains(method);

    /// <summary>Triplet miners.</summary>
    public static readonly IReadOnlyList<string> Miners = ["semi-hard", "batch-hard", "batch-all", "distance-weighted"];

    /// <summary>
    /// The batch size a method uses when none is given: the bench spec's 256, or on small data the power of two that
    /// still gives an epoch <see cref="MinStepsPerEpoch"/> steps (at least 32): 64 for the 8,000-image demo, where 5
    /// epochs at batch 64 reached a linear probe of 83.20% against 80.35% at 256 (SimCLR, temperature 0.2), as more
    /// steps with the linearly scaled rate learn more than fewer, larger ones. A triplet network with batch-hard mining
    /// takes Hermans et al.'s P x K batches with K = 4 images per class: 40 = 10 classes x 4. Batch-hard picks each
    /// anchor's farthest positive, and among the 25 of a class in a 256-batch of Fashion-MNIST that is an outlier: 3
    /// epochs reach kNN 75.5% at batch 256 against 81.0% at batch 40.
    /// </summary>
    public static int Batch(string method, string miner, int trainCount)
    {
        if (method == "triplet" && miner == "batch-hard") return 40;
        var batch = 256;
        while (batch > 32 && (long)batch * MinStepsPerEpoch > trainCount) batch /= 2;
        return batch;
    }

    /// <summary>The fewest steps per epoch that <see cref="Batch"/> keeps by halving the batch on small data.</summary>
    public const int MinStepsPerEpoch = 125;

    /// <summary>The loss temperature a method uses when none is given: 0.2 for MoCo (MoCo v2) and SimCLR, whose paper's
    /// 0.5 learned less on the demo split (10 epochs at batch 64, no flips: kNN (k = 32) 80.05% at 0.2 against 78.65%
    /// at 0.5, linear probe 83.75% against 82.90%; at batch 256, 5 epochs: probe 80.35% against 79.45%); 0.5 otherwise. SupCon keeps 0.5, not the
    /// paper's 0.1 (tuned for 1,000-epoch ImageNet runs): on full Fashion-MNIST its kNN accuracy after one epoch is
    /// 80.5% at 0.5 and 76.8% at 0.1.</summary>
    public static float Temperature(string method) => method switch
    {
        "moco" or "simclr" => 0.2f,
        _ => 0.5f,
    };

    /// <summary>The projection size a method uses when none is given: the bench spec's 64 for the contrastive
    /// methods; wider for the non-contrastive ones, whose predictors and decorrelation need room.</summary>
    public static int ProjectionDim(string method) => method is "byol" or "simsiam" or "barlow" ? 128 : 64;

    /// <summary>The bench ConvNet's pool grid when none is given: its representation is the 3 x 3 adaptive average of the
    /// last feature map (1,152-d), which keeps the coarse layout global pooling throws away (on the demo: kNN +2.3 to +3.0
    /// points, see BENCHMARKS.md), while the heads train on the mean cell; CLIP's image tower keeps the global average
    /// its projection reads (1).</summary>
    public static int PoolGrid(string method) => method == "clip" ? 1 : 3;

    /// <summary>True when the method's projection head ends in an affine-free batch norm
    /// (<see cref="Models.Heads.NormalizedProjection"/>): the triplet network's BNNeck, and SimSiam's projector as in its
    /// authors' code (on full Fashion-MNIST, 15 epochs: kNN +0.5 to +0.8 points, linear probe +1.4 to +1.7).</summary>
    public static bool NormalizesProjection(string method) => method is "triplet" or "simsiam";

    /// <summary>The predictor's hidden width: SimSiam's is a bottleneck of a quarter of the projection size, as the
    /// paper's 2048-512-2048 (on full Fashion-MNIST, 15 epochs, three seeds at LARS lr 1.0: mean kNN 79.53% against
    /// 79.38% with the 128-wide hidden layer; the bottleneck also lets SimSiam take lr 2.0, see <see cref="LearningRate"/>);
    /// BYOL's is <paramref name="hiddenDim"/>.</summary>
    public static int PredictorHiddenDim(string method, int projectionDim, int hiddenDim) =>
        method == "simsiam" ? Math.Max(1, projectionDim / 4) : hiddenDim;

    /// <summary>The optimiser a method uses when none is given: AdamW for CLIP (as Radford et al. 2021); LARS for BYOL (as
    /// Grill et al. 2020) and SimSiam, the two predictor methods, which learned faster with it on the demo split (5 epochs:
    /// BYOL kNN 65.0% with SGD, 67.0% with LARS; SimSiam 63.7% and 66.0%); SGD otherwise.</summary>
    public static string Optimizer(string method) => method switch
    {
        "clip" => "adamw",
        "byol" or "simsiam" => "lars",
        _ => "sgd",
    };

    /// <summary>
    /// The base learning rate: SimCLR's linear scaling 0.06 * B / 256 for SGD and LARS; for AdamW 1e-3, and 2e-3 for
    /// CLIP, whose small text tower trains from scratch. Barlow Twins with SGD takes 1.5 * B / 256 / D: its loss sums D
    /// diagonal terms of order 1, so its gradients are about D times larger than NT-Xent's (on the demo split, 2 epochs,
    /// kNN was 49.7% at 0.06 and 65.8% at 0.002). Over 15 epochs of full Fashion-MNIST (D = 128) kNN rose with the rate:
    /// 78.01% at 0.00047, 79.17% at 0.002, 79.61% at 0.006 and 80.29% at 0.012 (the linear probe 84.5-85.4% throughout).
    /// The triplet loss is a mean over anchors, so its gradient does not grow with the batch, and it scales by the square
    /// root instead: 0.06 * sqrt(B / 256), 0.024 at batch-hard's 40. On full Fashion-MNIST at batch 40, linear scaling's
    /// 0.0094 learned slower (kNN after the first of 3 epochs 77.5% against 78.8% at 0.06), and 0.06 collapsed a 5-epoch
    /// run into one dimension in its third epoch (effective rank 1.3), where 0.03 trained all 5 to 82.1%. LARS scales
    /// each weight's step to lr * eta (eta = 0.001) of its norm, so the learning rate sets the relative step directly. BYOL takes 4.0 * B / 256, a step of 0.4% of the weight norm at
    /// batch 256, close to its paper's ImageNet recipe (lr 0.2 * 4096 / 256 = 3.2, so 0.32%): over 15 epochs of full
    /// Fashion-MNIST, kNN reached 80.88% and 80.43% (two seeds) against 79.84% and 79.29% at 1.0 * B / 256 (solo-learn's
    /// CIFAR value). SimSiam takes 2.0 * B / 256 with its bottleneck predictor (<see cref="PredictorHiddenDim"/>): over 15
    /// epochs and three seeds kNN reached 80.65%, 80.09% and 80.12% (+1.23 to +1.79 above raw pixels) against 80.17%,
    /// 79.42% and 79.01% at 1.0 * B / 256; with the earlier 128-wide predictor 2.0 trailed in its first epochs, and 4.0
    /// collapsed the projections to an effective rank of 5.6.
    /// </summary>
    public static float LearningRate(string method, string optimizer, int batch, int projectionDim) =>
        LearningRateRules.First(r => r.Applies(method, optimizer)).Rate(batch, projectionDim);

    /// <summary>The rules <see cref="LearningRate"/> applies, first match wins; the CLI's <c>--lr</c> help lists them.</summary>
    public static readonly IReadOnlyList<LearningRateRule> LearningRateRules =
    [
        new("clip", "adamw", "2e-3", (_, _) => 2e-3f),
        new(null, "adamw", "1e-3", (_, _) => 1e-3f),
        new("triplet", "sgd", "0.06*sqrt(batch/256)", (batch, _) => 0.06f * MathF.Sqrt(batch / 256f)),
        new("barlow", "sgd", "1.5*batch/256/D", (batch, dim) => 1.5f * batch / 256f / dim),
        new("byol", "lars", "4.0*batch/256", (batch, _) => 4.0f * batch / 256f),
        new("simsiam", "lars", "2.0*batch/256", (batch, _) => 2.0f * batch / 256f),
        new(null, null, "0.06*batch/256", (batch, _) => 0.06f * batch / 256f),
    ];

    /// <summary>The default learning rates in words, most specific first: "2e-3 for clip with adamw, ...".</summary>
    public static string DescribeLearningRates() => string.Join(", ", LearningRateRules.Select(r => r.Describe()));

    /// <summary>The weight decay: 5e-4 (SGD, bench spec), 0.05 (AdamW), 1e-6 (LARS, SimCLR).</summary>
    public static float WeightDecay(string optimizer) => optimizer switch
    {
        "adamw" => 0.05f,
        "lars" => 1e-6f,
        _ => 5e-4f,
    };

    /// <summary>The margin of the metric-learning losses on normalised embeddings.</summary>
    public static float Margin(string method) => method == "siamese" ? 0.5f : 0.2f;

    /// <summary>CLIP: the token length of captions when none is given (room for 30 words).</summary>
    public const int MaxTextLength = 32;

    /// <summary>CLIP: the width of the Transformer text tower when none is given.</summary>
    public const int TextWidth = 64;

    /// <summary>CLIP: the layers of the Transformer text tower when none is given.</summary>
    public const int TextLayers = 2;

    /// <summary>CLIP: the attention heads per text-tower layer (the width must be a multiple).</summary>
    public const int TextHeads = 4;

    /// <summary>True for methods that train on two augmented views per image.</summary>
    public static bool UsesTwoViews(string method) => method is not ("classifier" or "clip");
}
