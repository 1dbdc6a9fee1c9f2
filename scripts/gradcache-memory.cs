#:project ../src/Contrastive.Learning/Contrastive.Learning.csproj
#:property PublishAot=false
// Peak memory of one SimCLR step on B random 28x28 images (2B views) through the bench encoder, with and without
// GradCache. Run each mode in its own process (peak working set is per process):
//   dotnet run -c Release scripts/gradcache-memory.cs -- 2048 full
//   dotnet run -c Release scripts/gradcache-memory.cs -- 2048 256
// The peak working set includes garbage the GC has not yet returned; a hard heap limit shows what a step needs:
//   DOTNET_GCHeapHardLimit=0x20000000 dotnet run -c Release scripts/gradcache-memory.cs -- 2048 256   (512 MB: runs)
//   DOTNET_GCHeapHardLimit=0x80000000 dotnet run -c Release scripts/gradcache-memory.cs -- 2048 full  (2 GB: out of memory)
using System.Diagnostics;
using Contrastive;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Tensors;

var images = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
int? chunk = args[1] == "full" ? null : int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
Engine.Threads = 2;
var model = new EmbeddingModel(new BenchEncoder(new Rng(1)), Heads.Projection(new Rng(2), 128, 128, 64));
var method = new SimClr(model) { GradCache = chunk is { } c ? new GradCache(c) : null };
var views = new[] { Tensor.Uniform(new Rng(3), 0, 1, images, 1, 28, 28), Tensor.Uniform(new Rng(4), 0, 1, images, 1, 28, 28) };
var batch = new TrainingBatch(views, null, Enumerable.Range(0, images).ToArray(), 0);
var before = Process.GetCurrentProcess().WorkingSet64;
var clock = Stopwatch.StartNew();
var loss = method.ComputeGradients(batch);
clock.Stop();
var process = Process.GetCurrentProcess();
Console.WriteLine($"{2 * images} views, chunk {(chunk?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (full batch)")}: " +
    $"loss {loss:F4}, {clock.Elapsed.TotalSeconds:F1} s, working set before step {before / 1e6:F0} MB, " +
    $"peak working set {process.PeakWorkingSet64 / 1e6:F0} MB, allocated {GC.GetTotalAllocatedBytes() / 1e9:F2} GB");
