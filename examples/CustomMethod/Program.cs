using Contrastive.Data.Augmentations;
using Contrastive.Data.Datasets;
using Contrastive.Data.Sampling;
using Contrastive.Data.Views;
using Contrastive.Evaluation.Classification;
using Contrastive.Examples.CustomMethod;
using Contrastive.Models;
using Contrastive.Runs;
using Contrastive.Tensors;
using Contrastive.Training;

// Trains the VICReg method of VicReg.cs on the embedded demo split through the library API, with no CLI and no
// method name looked up anywhere, then compares kNN accuracy on its embeddings with raw pixels.
// Usage: dotnet run -c Release --project examples/CustomMethod [EPOCHS]
var epochs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3;
const int batch = 64, seed = 0;
var data = DatasetResolver.LoadImages("demo");
var train = data.Train;
var geometry = ImageGeometry.Of(train);

// The bench ConvNet with a 3-layer projection head to 128 dimensions.
var rng = new Rng(seed);
var encoder = MethodFactory.CreateEncoder("bench", InputGeometry.Image(train.Channels, train.Height, train.Width), rng, new ReadoutGrid(3));
var model = new EmbeddingModel(encoder, Heads.Projection(rng, ((IEncoder)encoder).HeadInputDim, hiddenDim: 512, outputDim: 128));
var method = new VicReg(model);

// Two SimCLR-style views of each image (no flips), in shuffled batches prepared on two worker threads.
var views = ViewGenerator.TwoViews(AugmentationPresets.SimClr(geometry, train.Height, horizontalFlip: false), seed);
var batches = new PrefetchedBatchSource(new ImageBatchViews(train, views), new ShuffledBatchSampler(train.Count, batch, seed), epochs);

// The trainer takes the run length and the optimiser; no configuration file and no method default is involved.
var options = new TrainerOptions(epochs, new OptimizerSettings("lars", LearningRate: 0.3f, WeightDecay: 1e-6f)) { Architecture = "bench" };
var runDirectory = Directory.CreateTempSubdirectory("vicreg-example-").FullName;
var history = new Trainer(options, method, batches, runDirectory).Run();
foreach (var epoch in history) Console.WriteLine($"epoch {epoch.Epoch}: loss {epoch.Loss:F4}  {epoch.Seconds:F0}s");

// kNN (k = 32, the demo's) on the encoder's representation, against the same on raw pixels.
var knn = new KnnOptions { K = 32 };
var evaluation = EvaluationData.Of(data);
var learned = KnnClassifier.Evaluate(evaluation.EmbedTrain(encoder), train.Labels!, evaluation.EmbedTest(encoder), data.Test.Labels!, knn).Top1;
var raw = KnnClassifier.Evaluate(evaluation.RawTrain(), train.Labels!, evaluation.RawTest(), data.Test.Labels!, knn).Top1;
Console.WriteLine($"kNN (k=32) test accuracy: VICReg encoder {learned:P2}, raw pixels {raw:P2}; run files in {runDirectory}");
