#!/usr/bin/env bash
# Renders a sample evaluation report and screenshots it in headless Chromium, to look at the charts by eye.
# Not part of the test suite. Stand-in data: Fashion-MNIST pixels (Debian dataset-fashion-mnist) through a
# seeded random projection to 128-d play the embeddings; the training curves are synthetic and labelled so.
# Usage: scripts/screenshot-report.sh [output-dir]   (needs chromium; as root: apt-get install -y chromium)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-/tmp/contrastive-report}" && cd "${1:-/tmp/contrastive-report}" && pwd)
work=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$work" "$profile"' EXIT

cat > "$work/sample_report.cs" <<EOF
#:project $repo/src/Contrastive.Evaluation/Contrastive.Evaluation.csproj
#:property TreatWarningsAsErrors=false
#:property PublishAot=false
using System.IO.Compression;
using Contrastive.Evaluation;
using Contrastive.Evaluation.Charts;
using Contrastive.Evaluation.Classification;
using Contrastive.Evaluation.Health;
using Contrastive.Evaluation.Report;
using Contrastive.Tensors;

const string Dir = "/usr/share/datasets/fashion-mnist";
string[] names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

byte[] Read(string file, int skip, int count)
{
    using var z = new GZipStream(File.OpenRead(Path.Combine(Dir, file)), CompressionMode.Decompress);
    var buffer = new byte[skip + count];
    z.ReadExactly(buffer);
    return buffer[skip..];
}
float[] Pixels(string file, int n) => [.. Read(file, 16, n * 784).Select(b => b / 255f)];
int[] Labels(string file, int n) => [.. Read(file, 8, n).Select(b => (int)b)];

const int NTrain = 6000, NTest = 1000;
var trainPx = Pixels("train-images-idx3-ubyte.gz", NTrain);
var testPx = Pixels("t10k-images-idx3-ubyte.gz", NTest);
var trainY = Labels("train-labels-idx1-ubyte.gz", NTrain);
var testY = Labels("t10k-labels-idx1-ubyte.gz", NTest);
var projection = Tensor.Randn(new Rng(0), 784, 128);
Tensor Embed(float[] px, int n) => Ops.MatMul(new Tensor(px, [n, 784]), projection);
var train = Embed(trainPx, NTrain);
var test = Embed(testPx, NTest);

var sw = System.Diagnostics.Stopwatch.StartNew();
var result = Evaluator.Run(train, trainY, test, testY, new EvaluationOptions());
Console.WriteLine(\$"evaluation {sw.Elapsed.TotalSeconds:0.0} s: kNN {result.Knn!.Result.Top1:0.000}, probe {result.LinearProbe!.Result.Top1:0.000}, AUC {result.Verification!.RocAuc:0.000}, MAP@R {result.Retrieval!.MapAtR:0.000}");
result.Save(Path.Combine(args[0], "eval.json"));

// synthetic training curves: 10 epochs x 234 steps, cosine learning rate, a noisy decaying loss, health of a probe batch
var rng = new Rng(1);
var steps = 2340;
var loss = Enumerable.Range(0, steps).Select(s => 4.6 + 1.4 * Math.Exp(-s / 400.0) + 0.05 * rng.NextGaussian()).ToArray();
var lr = Enumerable.Range(0, steps).Select(s => 0.06 * 0.5 * (1 + Math.Cos(Math.PI * s / steps))).ToArray();
var knn = Enumerable.Range(1, 10).Select(e => 0.55 + 0.25 * (1 - Math.Exp(-e / 3.0))).ToArray();
var monitor = new CollapseMonitor();
var probe = Subsample.Rows(test, Enumerable.Range(0, 256).ToArray());
for (var epoch = 1; epoch <= 10; epoch++)
{
    var mix = new float[256 * 128];
    var x = probe.Data.Span;
    for (var i = 0; i < mix.Length; i++) mix[i] = x[i] + (10 - epoch) * 0.8f * rng.NextGaussian();
    var view2 = new float[mix.Length];
    for (var i = 0; i < mix.Length; i++) view2[i] = mix[i] + 2f * rng.NextGaussian();
    monitor.Check(epoch, EmbeddingMatrix.FromSpan(mix, 128), EmbeddingMatrix.FromSpan(view2, 128));
}

sw.Restart();
var report = EvaluationReport.Build(result, new ReportInputs
{
    Title = "Sample report: Fashion-MNIST random-projection embeddings (synthetic training curves)",
    Config = [new("method", "SimCLR (sample)"), new("encoder", "random projection 784 -> 128"), new("train / test", \$"{NTrain} / {NTest}"), new("note", "curves are synthetic <demo & escaping check>")],
    ClassNames = names,
    TestEmbeddings = test,
    TestLabels = testY,
    TestImage = i => new ImageTile(testPx[(i * 784)..((i + 1) * 784)], 1, 28, 28, testY[i]),
    Training = new TrainingCurves { StepLoss = loss, StepLearningRate = lr, EpochKnnAccuracy = knn, Health = monitor.History },
});
report.Save(Path.Combine(args[0], "report.html"));
Console.WriteLine(\$"report {sw.Elapsed.TotalSeconds:0.0} s -> {Path.Combine(args[0], "report.html")}");
EOF

(cd "$work" && dotnet run -c Release --file sample_report.cs -- "$out")
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$profile" --screenshot="$out/report.png" \
    --window-size=1280,${HEIGHT:-2400} "file://$out/report.html"
echo "screenshot: $out/report.png"
