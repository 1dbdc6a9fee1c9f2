using System.CommandLine;
using System.Globalization;
using Contrastive.Audio;
using Contrastive.Data.Datasets;
using Contrastive.Distributed;
using Contrastive.Gemm;
using Contrastive.Models;
using Contrastive.Multimodal;
using Contrastive.Runs;
using Contrastive.Training;

namespace Contrastive.Cli;

/// <summary><c>contrastive train</c>: the main job. With no options: SimCLR on the embedded demo data.</summary>
internal static class TrainCommand
{
    private static readonly Option<string?> s_method = new("--method") { Description = $"Method: {string.Join(" | ", MethodSpecs.Names)} (default simclr; clip: two towers, AdamW lr 2e-3, 64-d joint space, learned temperature from 0.07); text: simcse | pairs | triplet" };
    private static readonly Option<string?> s_data = new("--data") { Description = "demo | fashion-mnist | PATH (image folder, IDX folder, FILE.csv table, folder of .wav files, or FILE.jsonl image-text pairs for clip); text: wordnet | fortunes | FILE.jsonl/.csv/.tsv of texts, pairs or triplets with --arch transformer|gru (default demo)" };
    private static readonly Option<string?> s_arch = new("--arch") { Description = "Encoder: bench | resnet18 | mlp | resnet18-imagenet; audio: bench | resnet18 | gru (over log-mel frames); text: transformer | gru (default bench; transformer for text)" };
    private static readonly Option<string?> s_backbone = new("--backbone") { Description = "Start the encoder from pre-trained weights: resnet18-imagenet (ImageNet ResNet-18 of NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18; images resized, grey repeated to RGB)" };
    private static readonly Option<int?> s_inputSize = new("--input-size") { Description = $"resnet18-imagenet: side of the square images it sees (default {MethodDefaults.BackboneInputSize}; ImageNet's is 224)" };
    private static readonly Option<float?> s_encoderLrScale = new("--encoder-lr-scale") { Description = "Discriminative learning rates: the encoder learns at this fraction of the heads' rate (e.g. 0.1 for a pre-trained backbone)" };
    private static readonly Option<int?> s_backboneStages = new("--backbone-stages") { Description = $"resnet18-imagenet: keep its first N of 4 stages (2 or 3 read out mid-level features; default {MethodDefaults.BackboneStages})" };
    private static readonly Option<int?> s_trainBlocks = new("--train-blocks") { Description = "Partial fine-tuning: train only the encoder's last N blocks (resnet18, resnet18-imagenet) and the heads (and an --adapter)" };
    private static readonly Option<int?> s_epochs = new("--epochs") { Description = "Training epochs (default 10)" };
    private static readonly Option<int?> s_batch = new("--batch") { Description = "Images per batch, two views each; clip: image-text pairs (default 256; triplet with batch-hard mining 40: 4 images of each of 10 classes)" };
    private static readonly Option<float?> s_lr = new("--lr") { Description = $"Base learning rate (default {MethodSpecs.DescribeLearningRates()})" };
    private static readonly Option<string?> s_optimizer = new("--optimizer") { Description = "sgd | adamw | lars (default adamw for clip, lars for byol and simsiam, sgd otherwise)" };
    private static readonly Option<float?> s_weightDecay = new("--weight-decay") { Description = "Weight decay (default by optimizer; never on clip's logit scale)" };
    private static readonly Option<int?> s_warmup = new("--warmup-epochs") { Description = "Linear warmup epochs before cosine decay (default 0)" };
    private static readonly Option<float?> s_temperature = new("--temperature") { Description = "Loss temperature (default by method)" };
    private static readonly Option<float?> s_momentum = new("--momentum") { Description = "EMA momentum of MoCo/BYOL targets (default 0.99)" };
    private static readonly Option<int?> s_queue = new("--queue-size") { Description = "MoCo queue length (default 4096)" };
    private static readonly Option<float?> s_margin = new("--margin") { Description = "Triplet / contrastive margin (default by method)" };
    private static readonly Option<string?> s_miner = new("--miner") { Description = "Triplet miner: semi-hard | batch-hard | batch-all | distance-weighted (default semi-hard)" };
    private static readonly Option<int?> s_seed = new("--seed") { Description = "Random seed (default 0)" };
    private static readonly Option<int?> s_threads = new("--threads") { Description = "Threads (default: all cores; under mpirun, the cores shared by the processes on the machine)" };
    private static readonly Option<string?> s_out = new("--out") { Description = "Run directory (default runs/<method>)" };
    private static readonly Option<bool> s_resume = new("--resume") { Description = "Continue the run in --out from its last checkpoint" };
    private static readonly Option<string?> s_init = new("--init") { Description = "Initialise the encoder from a previous run directory (transfer learning)" };
    private static readonly Option<bool> s_freeze = new("--freeze-encoder") { Description = "Train only the heads (and an --adapter); the encoder (from --init or --backbone) stays as it is" };
    private static readonly Option<bool> s_stopOnCollapse = new("--stop-on-collapse") { Description = "Stop when the collapse alarm fires" };
    private static readonly Option<bool> s_noStopGradient = new("--no-stop-gradient") { Description = "SimSiam without stop-gradient (an ablation: it stops learning)" };
    private static readonly Option<int?> s_gradCacheChunk = new("--grad-cache-chunk") { Description = "simclr, moco and text methods: encode batches in chunks of N images or texts with cached gradients (large batches, little memory)" };
    private static readonly Option<string?> s_labelColumn = new("--label-column") { Description = "CSV data: the column of class labels (default: unlabeled)" };
    private static readonly Option<float?> s_corruptionRate = new("--corruption-rate") { Description = "CSV data: fraction of features SCARF replaces per view (default 0.6)" };
    private static readonly Option<int?> s_maxTextLength = new("--max-text-length") { Description = $"clip: tokens per caption, [CLS] and [SEP] included (default {MethodDefaults.MaxTextLength})" };
    private static readonly Option<int?> s_textWidth = new("--text-width") { Description = $"clip: width of the Transformer text tower, a multiple of its {MethodDefaults.TextHeads} heads (default {MethodDefaults.TextWidth})" };
    private static readonly Option<int?> s_textLayers = new("--text-layers") { Description = $"clip: layers of the Transformer text tower (default {MethodDefaults.TextLayers})" };
    private static readonly Option<int?> s_lengthGroups = new("--length-groups") { Description = $"Text runs: cut batches from groups of N shuffled batches sorted by length, so batches pad little (1: plain shuffled batches; default {MethodDefaults.TextLengthGroups})" };
    private static readonly Option<int?> s_knnK = new("--knn-k") { Description = "kNN neighbours of the evaluations (default: 4% of the smallest class, between 5 and 200: 32 on the demo, 200 on full Fashion-MNIST)" };
    private static readonly Option<int?> s_views = new("--views") { Description = "simclr: augmented views per image, 2 to 8; the loss averages NT-Xent over every pair (default 2)" };
    private static readonly Option<int?> s_poolGrid = new("--pool-grid") { Description = $"bench ConvNet and resnet18-imagenet: the representation averages the last feature map over an N x N grid (1: global average; default 3 for the ConvNet, 1,152-d, {MethodDefaults.BackbonePoolGrid} for the backbone; the heads read the mean cell)" };
    private static readonly Option<int?> s_poolColumns = new("--pool-columns") { Description = "bench ConvNet and resnet18-imagenet: the pool grid's columns when not square (1: average over all columns, keeping --pool-grid bands of rows, e.g. frequency bands of a spectrogram)" };
    private static readonly Option<int?> s_width = new("--width") { Description = $"bench ConvNet: multiply its channels by N, 1 to {BenchEncoder.MaxWidth} (2: 64-128-256, about 3.5x the compute; default 1, the bench spec's 32-64-128)" };
    private static readonly Option<int?> s_adapter = new("--adapter") { Description = "bench ConvNet and resnet18-imagenet: a trained layer of N units (Linear, batch norm, ReLU) on the whole read-out grid gives the representation; it trains under --freeze-encoder and --train-blocks (on the frozen ImageNet cut, SupCon on its clusters with --adapter 512 scores 79.02% with 10 labels per class on Fashion-MNIST after 2 epochs, the cut alone 75.53%)" };
    private static readonly Option<bool?> s_headReadsGrid = new("--head-reads-grid") { Description = "bench ConvNet and resnet18-imagenet: the heads read the whole grid representation, not the mean of its cells, so the loss shapes every cell (voices: +11 kNN points with --pool-grid 8 --pool-columns 1)" };
    private static readonly Option<float?> s_speedChange = new("--speed-change") { Description = "Audio views: the largest speed change as a fraction (default 0.1: factors 0.9 to 1.1; 0: none, for speaker identity, as a speed change shifts a voice's formants)" };
    private static readonly Option<float?> s_cropScale = new("--crop-scale") { Description = "Smallest random-resized-crop scale of the image views, except byol's (default 0.2 grey, 0.08 colour)" };
    private static readonly Option<int?> s_localCrops = new("--local-crops") { Description = "simclr: multi-crop, two global views and N local views of 3/7 the side, 0 to 8 (default none)" };
    private static readonly Option<float?> s_rotation = new("--rotation") { Description = "Image views: also rotate by U(-r, r) degrees, 0 to 180 (default none)" };
    private static readonly Option<float?> s_noise = new("--noise") { Description = "Image views: also add Gaussian pixel noise of sigma U(0, s), 0 to 1 (default none)" };
    private static readonly Option<float?> s_erasing = new("--erasing") { Description = "Image views: also erase a random rectangle (2-33% of the image) with probability p (default none)" };
    private static readonly Option<float?> s_curriculumStart = new("--curriculum-start") { Description = "Image views: grow the augmentation strength from this value in [0, 1] to full over the first half of training (default full throughout)" };
    private static readonly Option<bool> s_decoupled = new("--decoupled") { Description = "simclr: the decoupled contrastive loss (DCL): NT-Xent without the positive in its denominator" };
    private static readonly Option<bool?> s_flip = new("--flip") { Description = "Mirror image views left-right with p = 0.5 (default off: a mirror changes digits, letters and arrows; turn on for photos)" };
    private static readonly Option<float?> s_textDropout = new("--text-dropout") { Description = $"text data: dropout inside the text encoder, SimCSE's noise (default {Text.TextRun.DefaultDropout})" };
    private static readonly Option<bool> s_textAugment = new("--text-augment") { Description = "text data, simcse: views are also token deletions and span maskings of the text" };
    private static readonly Option<int?> s_trainLimit = new("--train-limit") { Description = "text data: train on at most N training records (a seeded subset, drawn after the held-out part is set aside; evaluation unchanged)" };
    private static readonly Option<int?> s_pseudoLabels = new("--pseudo-labels") { Description = "Images, with supcon | triplet | siamese | classifier: train on K k-means clusters of the starting encoder's representations (--backbone or --init) as labels; the data's own labels, if any, are only evaluated against (e.g. 100)" };
    private static readonly Option<int?> s_reclusterEvery = new("--recluster-every") { Description = "With --pseudo-labels, supcon | triplet | siamese: cluster the training images again with the encoder being trained every N epochs, each time restarting the learning rate, the heads and the optimiser as a fresh run from that encoder would (DeepCluster; default: the starting encoder's clusters throughout)" };
    private static readonly Option<int?> s_hardNegatives = new("--hard-negatives")
    {
        Description = "triplet on labelled images: batches of explicit triplets whose negatives are each anchor's nearest images of another class, " +
            "from a table of the current projections rebuilt every N epochs (batch: 3 x floor(batch / 3); default: in-batch mining only)",
    };
    private static readonly Option<string?> s_config = new("--config") { Description = "A config.json to start from; explicit options override it" };
    private static readonly Option<string?> s_preset = new("--preset")
    {
        Description = "A named recipe to start from, as --config would; explicit options override it. " +
            string.Join("; ", TrainPresets.All.Select(p => $"{p.Name}: {p.Description}")),
    };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("train", "Train an encoder; writes model.safetensors, config.json, metrics.jsonl, a checkpoint and report.html. " +
            "'mpirun -np N contrastive train ...' trains data-parallel: each process takes 1/N of every batch.")
        {
            s_method, s_data, s_arch, s_backbone, s_inputSize, s_backboneStages, s_trainBlocks, s_encoderLrScale, s_epochs, s_batch, s_lr, s_optimizer, s_weightDecay, s_warmup, s_temperature, s_momentum,
            s_queue, s_margin, s_miner, s_seed, s_threads, s_out, s_resume, s_init, s_freeze, s_stopOnCollapse, s_noStopGradient, s_gradCacheChunk, s_config, s_preset,
            s_labelColumn, s_corruptionRate, s_maxTextLength, s_textWidth, s_textLayers, s_textDropout, s_textAugment, s_trainLimit, s_lengthGroups, s_knnK, s_flip, s_views, s_cropScale, s_poolGrid, s_poolColumns, s_width, s_headReadsGrid, s_adapter, s_speedChange, s_decoupled,
            s_localCrops, s_rotation, s_noise, s_erasing, s_curriculumStart, s_hardNegatives, s_pseudoLabels, s_reclusterEvery,
        };
        command.SetAction((parsed, cancellation) =>
        {
            using var signals = new TerminationSignals(error, cancellation);
            return Task.FromResult(Run(parsed, output, signals.Token));
        });
        return command;
    }

    private static int Run(ParseResult parsed, TextWriter output, CancellationToken cancellation)
    {
        var requested = Text.TextRun.WithTextDefaults(BuildConfig(parsed));
        requested.Validate();
        var outDir = parsed.GetValue(s_out) ?? Path.Combine("runs", requested.Method);
        var resume = parsed.GetValue(s_resume);
        if (Text.TextRun.IsText(requested))
        {
            if (ProcessGroups.LaunchedByMpirun) throw new ArgumentException("text runs train in one process: run them without mpirun");
            return TextTraining.Run(Prepared(requested.WithResolvedDefaults(), outDir, resume), outDir, resume, output, cancellation);
        }
        var group = ProcessGroups.FromEnvironment();
        try
        {
            return Run(requested, outDir, resume, group, group.Rank == 0 ? output : TextWriter.Null, cancellation);
        }
        finally
        {
            (group as IDisposable)?.Dispose();
        }
    }

    /// <summary>Trains an image or table run as process <paramref name="group"/>.Rank; rank 0 writes the run and evaluates it.</summary>
    private static int Run(TrainConfig requested, string outDir, bool resume, IProcessGroup group, TextWriter output, CancellationToken cancellation)
    {
        var (data, createSetup, saveRunFiles) = LoadData(requested, group);
        var config = Prepared(requested.WithDataDefaults(data.TrainCount, data.TrainLabels).WithResolvedDefaults(), outDir, resume);
        if (config.Threads is null && group.Size > 1) Engine.Threads = Math.Max(1, Environment.ProcessorCount / ProcessGroups.LocalProcesses);
        var setup = createSetup(config);
        var run = new IO.RunDirectory(outDir);
        if (group.Rank == 0)
        {
            Directory.CreateDirectory(run.Path);
            saveRunFiles?.Invoke(run.Path);
            setup.Tokenizer?.Save(run.Tokenizer);
        }
        var processes = group.Size > 1 ? $"{group.Size} processes x " : "";
        var pseudoLabels = config.PseudoLabels is not { } clusters ? ""
            : config.ReclusterEvery is { } every ? $"labels: {clusters} k-means clusters of the encoder's representations, renewed every {every} epochs (rounds restarting the learning rate and heads), "
            : $"labels: {clusters} k-means clusters of the starting encoder's representations, ";
        output.WriteLine($"{config.Method} on {data.Source}: {data.TrainCount} train / {data.TestCount} test {data.Unit}, " +
            $"arch {config.Arch}, {pseudoLabels}{config.Epochs} epochs x {setup.Batches.BatchesPerEpoch} steps, batch {config.BatchSize()}, " +
            $"{processes}{Engine.Threads} threads, BLAS {GemmProviders.Current.Name} -> {outDir}");

        var trainer = new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, outDir, setup.Evaluator, new ConsoleProgress(output));
        var metrics = trainer.Run(resume, cancellation);
        cancellation.ThrowIfCancellationRequested();
        if (group.Rank != 0) return 0;
        var evaluation = RunEvaluation.Write(outDir, setup.Method.Model.Encoder, data, RunEvaluation.Options(config.KnnNeighbours(data.TrainLabels), config.Seed),
            RunEvaluation.Rows(config), metrics, setup.ImageText);
        if (evaluation?.Baseline is { } baseline)
        {
            output.WriteLine($"kNN (k={config.KnnNeighbours(data.TrainLabels)}) test accuracy: learned encoder {Percent(evaluation.Knn?.Result.Top1)}, {baseline.Name} {Percent(baseline.Knn?.Result.Top1)}");
            output.WriteLine($"linear probe test accuracy: learned encoder {Percent(evaluation.LinearProbe?.Result.Top1)}, {baseline.Name} {Percent(baseline.LinearProbe?.Result.Top1)}");
            if (evaluation.FewLabels?.FirstOrDefault(f => f.LabelsPerClass == 10) is { } few && baseline.FewLabels?.FirstOrDefault(f => f.LabelsPerClass == 10) is { } rawFew)
                output.WriteLine($"with 10 labels per class (linear probe, mean of {few.Draws} draws): learned encoder {Percent(few.LinearProbeTop1)}, {baseline.Name} {Percent(rawFew.LinearProbeTop1)}");
        }
        if (evaluation is not null && AudioRun.IsAudio(config.Data))
            AudioEvaluationLines.Write(output, outDir, outDir, config.Data, evaluation, RunEvaluation.Options(config.KnnNeighbours(data.TrainLabels), config.Seed));
        if (evaluation?.ZeroShotAccuracy is { } zeroShot)
            output.WriteLine($"zero-shot test accuracy (\"{ZeroShotClassifier.DefaultTemplate}\" prompts): {Percent(zeroShot)}");
        if (evaluation?.ImageText is { } retrieval)
            output.WriteLine($"image-text retrieval recall@{string.Join("/", retrieval.ImageToText.RecallAtK.Select(r => r.K))}: " +
                $"image to text {string.Join(" / ", retrieval.ImageToText.RecallAtK.Select(r => Percent(r.Value)))}, " +
                $"text to image {string.Join(" / ", retrieval.TextToImage.RecallAtK.Select(r => Percent(r.Value)))} ({retrieval.Captions} distinct test captions)");
        output.WriteLine($"wrote {run.Model} and {run.Report}");
        return 0;
    }

    /// <summary>The resolved config of a new or resumed run, validated, with its thread count applied to the engine.</summary>
    private static TrainConfig Prepared(TrainConfig config, string outDir, bool resume)
    {
        if (resume) config = ResumedConfig(outDir, config);
        config.Validate();
        if (config.Threads is { } threads) Engine.Threads = threads;
        return config;
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("P2", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>The data-kind switch: a CSV table (standardised with its train split's statistics), a folder of WAV files
    /// (log-mel features standardised likewise), JSONL image-text pairs, or images; the setup is made later, from the config
    /// with its data-dependent defaults resolved. SaveRunFiles writes what the run needs to read the data again.</summary>
    private static (EvaluationData Data, Func<TrainConfig, TrainingSetup> CreateSetup, Action<string>? SaveRunFiles) LoadData(TrainConfig config, IProcessGroup group)
    {
        if (DatasetResolver.IsTable(config.Data))
        {
            var (table, standardizer) = TabularRun.LoadForTraining(config.Data, config.LabelColumn);
            return (EvaluationData.Of(table), c => TrainingSetup.Create(c, table, group: group), dir => standardizer.Save(new IO.RunDirectory(dir).Standardization));
        }
        if (AudioRun.IsAudio(config.Data))
        {
            if (group.Size > 1) throw new ArgumentException("audio runs train in one process: run them without mpirun");
            var (audio, features) = AudioRun.Load(config.Data);
            return (AudioRun.Evaluation(audio, features), c => TrainingSetup.Create(c, audio, features), features.Save);
        }
        if (ClipRun.IsImageText(config.Data))
        {
            var pairs = ImageTextSplit.FromJsonl(config.Data, config.MaxTextLength ?? MethodDefaults.MaxTextLength);
            return (EvaluationData.Of(pairs.Images), c => TrainingSetup.Create(c, pairs, group: group), null);
        }
        var images = DatasetResolver.LoadImages(config.Data);
        return (EvaluationData.Of(images), c => TrainingSetup.Create(c, images, group: group), null);
    }

    private static TrainConfig BuildConfig(ParseResult p)
    {
        var (file, preset) = (p.GetValue(s_config), p.GetValue(s_preset));
        if (file is not null && preset is not null) throw new ArgumentException("--config and --preset both give the values a run starts from; give one of them");
        var c = file is not null ? TrainConfig.Load(file) : preset is not null ? TrainPresets.Get(preset) : new TrainConfig();
        return c with
        {
            Method = p.GetValue(s_method) ?? c.Method,
            Data = p.GetValue(s_data) ?? c.Data,
            Arch = p.GetValue(s_arch) ?? p.GetValue(s_backbone) ?? c.Arch,
            Backbone = p.GetValue(s_backbone) ?? c.Backbone,
            InputSize = p.GetValue(s_inputSize) ?? c.InputSize,
            BackboneStages = p.GetValue(s_backboneStages) ?? c.BackboneStages,
            TrainBlocks = p.GetValue(s_trainBlocks) ?? c.TrainBlocks,
            EncoderLrScale = p.GetValue(s_encoderLrScale) ?? c.EncoderLrScale,
            Epochs = p.GetValue(s_epochs) ?? c.Epochs,
            Batch = p.GetValue(s_batch) ?? c.Batch,
            Lr = p.GetValue(s_lr) ?? c.Lr,
            Optimizer = p.GetValue(s_optimizer) ?? c.Optimizer,
            WeightDecay = p.GetValue(s_weightDecay) ?? c.WeightDecay,
            WarmupEpochs = p.GetValue(s_warmup) ?? c.WarmupEpochs,
            Temperature = p.GetValue(s_temperature) ?? c.Temperature,
            Momentum = p.GetValue(s_momentum) ?? c.Momentum,
            QueueSize = p.GetValue(s_queue) ?? c.QueueSize,
            Margin = p.GetValue(s_margin) ?? c.Margin,
            Miner = p.GetValue(s_miner) ?? c.Miner,
            Seed = p.GetValue(s_seed) ?? c.Seed,
            Threads = p.GetValue(s_threads) ?? c.Threads,
            Init = p.GetValue(s_init) ?? c.Init,
            FreezeEncoder = p.GetValue(s_freeze) || c.FreezeEncoder,
            StopOnCollapse = p.GetValue(s_stopOnCollapse) || c.StopOnCollapse,
            NoStopGradient = p.GetValue(s_noStopGradient) || c.NoStopGradient,
            GradCacheChunk = p.GetValue(s_gradCacheChunk) ?? c.GradCacheChunk,
            LabelColumn = p.GetValue(s_labelColumn) ?? c.LabelColumn,
            CorruptionRate = p.GetValue(s_corruptionRate) ?? c.CorruptionRate,
            MaxTextLength = p.GetValue(s_maxTextLength) ?? c.MaxTextLength,
            TextWidth = p.GetValue(s_textWidth) ?? c.TextWidth,
            TextLayers = p.GetValue(s_textLayers) ?? c.TextLayers,
            KnnK = p.GetValue(s_knnK) ?? c.KnnK,
            HorizontalFlip = p.GetValue(s_flip) ?? c.HorizontalFlip,
            Views = p.GetValue(s_views) ?? c.Views,
            CropScale = p.GetValue(s_cropScale) ?? c.CropScale,
            PoolGrid = p.GetValue(s_poolGrid) ?? c.PoolGrid,
            PoolColumns = p.GetValue(s_poolColumns) ?? c.PoolColumns,
            HeadReadsGrid = p.GetValue(s_headReadsGrid) ?? c.HeadReadsGrid,
            Adapter = p.GetValue(s_adapter) ?? c.Adapter,
            Width = p.GetValue(s_width) ?? c.Width,
            SpeedChange = p.GetValue(s_speedChange) ?? c.SpeedChange,
            LocalCrops = p.GetValue(s_localCrops) ?? c.LocalCrops,
            Rotation = p.GetValue(s_rotation) ?? c.Rotation,
            Noise = p.GetValue(s_noise) ?? c.Noise,
            Erasing = p.GetValue(s_erasing) ?? c.Erasing,
            CurriculumStart = p.GetValue(s_curriculumStart) ?? c.CurriculumStart,
            Decoupled = p.GetValue(s_decoupled) || c.Decoupled,
            TextDropout = p.GetValue(s_textDropout) ?? c.TextDropout,
            TextAugment = p.GetValue(s_textAugment) || c.TextAugment,
            TrainLimit = p.GetValue(s_trainLimit) ?? c.TrainLimit,
            LengthGroups = p.GetValue(s_lengthGroups) ?? c.LengthGroups,
            HardNegatives = p.GetValue(s_hardNegatives) ?? c.HardNegatives,
            PseudoLabels = p.GetValue(s_pseudoLabels) ?? c.PseudoLabels,
            ReclusterEvery = p.GetValue(s_reclusterEvery) ?? c.ReclusterEvery,
        };
    }

    /// <summary>A resumed run keeps the configuration it was started with; a conflicting option is an error.</summary>
    private static TrainConfig ResumedConfig(string outDir, TrainConfig requested)
    {
        var path = new IO.RunDirectory(outDir).Config;
        if (!File.Exists(path)) throw new FileNotFoundException($"--resume: {path} not found; nothing to resume in {outDir}");
        var saved = TrainConfig.Load(path).WithResolvedDefaults();
        var comparable = requested with { Threads = saved.Threads };
        if (comparable != saved)
            throw new ArgumentException($"--resume: the options differ from the run in {outDir} ({path}); rerun with the original options");
        return saved with { Threads = requested.Threads };
    }
}
