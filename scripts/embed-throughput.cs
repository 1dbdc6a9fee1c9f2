#:project ../src/Contrastive.Learning/Contrastive.Learning.csproj
#:property PublishAot=false
// Images/s of Embedder.Embed over the 10,000 Fashion-MNIST test images (bench encoder, batches of 1,000) with
// batch-norm folded (the default path) and unfolded (the same encoder behind a wrapper the folder does not know).
// Compare with: /usr/bin/python3 benchmarks/peers/torch_simclr.py embed --threads 2 (alternate runs: the machine is shared)
//   dotnet run -c Release scripts/embed-throughput.cs -- [passes per timing] [threads] [rounds]
using System.Diagnostics;
using Contrastive;
using Contrastive.Data.Datasets;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Training;

var passes = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2;
Engine.Threads = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2;
var data = FashionMnist.Load(DatasetPart.Test);
var encoder = new BenchEncoder(new Rng(0));
var opaque = new Opaque(encoder);
var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
Embedder.Embed(encoder, data);
Embedder.Embed(opaque, data);
var ratios = new List<double>();
for (var r = 0; r < rounds; r++)
{
    // ABBA order per pair of rounds, so a drift in machine load does not favour either path.
    var folded = r % 2 == 0 ? Rate(encoder) : 0;
    var unfolded = Rate(opaque);
    if (r % 2 == 1) folded = Rate(encoder);
    ratios.Add(folded / unfolded);
    Console.WriteLine($"round {r + 1}: folded {folded:F0} images/s, unfolded {unfolded:F0} images/s, ratio {folded / unfolded:F2}");
}
ratios.Sort();
Console.WriteLine($"median folded/unfolded ratio {ratios[ratios.Count / 2]:F2}");

double Rate(Module model)
{
    var clock = Stopwatch.StartNew();
    for (var p = 0; p < passes; p++) Embedder.Embed(model, data);
    return data.Count * passes / clock.Elapsed.TotalSeconds;
}

/// <summary>Hides the encoder from the folder, so Embedder runs it unfolded.</summary>
internal sealed class Opaque(Module inner) : Module
{
    public override Tensor Forward(Tensor input) => inner.Forward(input);
}
