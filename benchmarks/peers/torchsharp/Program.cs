// TorchSharp (LibTorch 2.10 CPU) peer of benchmarks/peers/torch_simclr.py for the BENCH_SPEC workload.
//   dotnet tspeer.dll step  --threads N [--batch 256] [--steps 20]   -> views/s (3 warm-up steps, then N timed)
//   dotnet tspeer.dll embed --threads N [--steps 20]                 -> images/s (1,000-image warm-up, steps/10 passes over 10,000)
using System.Diagnostics;
using System.IO.Compression;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

string mode = args.Length > 0 ? args[0] : "step";
int threads = 2, batch = 256, steps = 20;
for (int i = 1; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--threads": threads = int.Parse(args[i + 1]); break;
        case "--batch": batch = int.Parse(args[i + 1]); break;
        case "--steps": steps = int.Parse(args[i + 1]); break;
        default: throw new ArgumentException(args[i]);
    }
}
torch.set_num_threads(threads);
torch.manual_seed(0);
var model = new SimClr();
Console.Error.WriteLine($"params={model.parameters().Sum(p => p.numel())}");
var opt = torch.optim.SGD(model.parameters(), 0.06 * batch / 256, momentum: 0.9, weight_decay: 5e-4);

if (mode == "step")
{
    var v1 = torch.rand(batch, 1, 28, 28);
    var v2 = torch.rand(batch, 1, 28, 28);
    float loss = 0;
    var watch = new Stopwatch();
    TimeSpan cpu0 = default;
    model.train();
    for (int i = 0; i < steps + 3; i++)
    {
        if (i == 3) { cpu0 = Process.GetCurrentProcess().TotalProcessorTime; watch.Start(); }
        using var scope = torch.NewDisposeScope();
        opt.zero_grad();
        var l = NtXent(model.forward(v1), model.forward(v2), 0.5);
        l.backward();
        opt.step();
        if (i == steps + 2) loss = l.item<float>();
    }
    watch.Stop();
    double dt = watch.Elapsed.TotalSeconds;
    double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / steps;
    Console.WriteLine($"torchsharp step: batch={batch} {dt / steps * 1000:F1} ms/step  {2.0 * batch * steps / dt:F0} views/s  loss={loss:F4} cpu/step={cpu:F0}ms threads={torch.get_num_threads()} peak_rss={PeakRssMb()}MB");
}
else if (mode == "embed")
{
    var x = LoadTestImages();
    using (torch.no_grad()) { model.eval(); using var s0 = torch.NewDisposeScope(); model.encoder.forward(x.narrow(0, 0, 1000)); }
    int passes = Math.Max(1, steps / 10);
    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    for (int p = 0; p < passes; p++)
    {
        using var scope = torch.NewDisposeScope();
        model.eval();
        using (torch.no_grad())
        {
            var outs = new List<Tensor>();
            for (long i = 0; i < x.shape[0]; i += 1000)
                outs.Add(model.encoder.forward(x.narrow(0, i, Math.Min(1000, x.shape[0] - i))));
            var all = torch.cat(outs, 0);
        }
        model.train();
    }
    watch.Stop();
    double dt = watch.Elapsed.TotalSeconds;
    double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / passes;
    Console.WriteLine($"torchsharp embed: {x.shape[0]} images x {passes} {x.shape[0] * passes / dt:F0} images/s cpu/pass={cpu:F0}ms threads={torch.get_num_threads()} peak_rss={PeakRssMb()}MB");
}
else throw new ArgumentException($"mode {mode}");

static Tensor NtXent(Tensor z1, Tensor z2, double t)
{
    var z = functional.normalize(torch.cat(new[] { z1, z2 }, 0), dim: 1);
    long n = z1.shape[0];
    var sim = z.matmul(z.t()) / t;
    sim.diagonal().fill_(double.NegativeInfinity); // TorchSharp has no fill_diagonal_; an in-place fill of the diagonal view does the same
    var target = torch.cat(new[] { torch.arange(n, 2 * n, dtype: ScalarType.Int64), torch.arange(0, n, dtype: ScalarType.Int64) }, 0);
    return functional.cross_entropy(sim, target);
}

// The 10,000 Fashion-MNIST test images scaled to [0,1] as the peers read them; uniform [0,1] when the package is missing.
static Tensor LoadTestImages()
{
    const string path = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";
    if (!File.Exists(path)) return torch.rand(10000, 1, 28, 28);
    using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
    using var ms = new MemoryStream();
    gz.CopyTo(ms);
    var bytes = ms.ToArray();
    int n = (bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7];
    var data = new float[n * 784];
    for (int i = 0; i < data.Length; i++) data[i] = bytes[16 + i] / 255f;
    return torch.tensor(data, new long[] { n, 1, 28, 28 });
}

static long PeakRssMb()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
        if (line.StartsWith("VmHWM:")) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    return -1;
}

sealed class Encoder : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> net;
    public Encoder() : base("encoder")
    {
        net = Sequential(Block(1, 32, 1), Block(32, 64, 2), Block(64, 128, 2));
        RegisterComponents();
    }
    private static Module<Tensor, Tensor> Block(int i, int o, int s) =>
        Sequential(Conv2d(i, o, 3, stride: s, padding: 1, bias: false), BatchNorm2d(o), ReLU(inplace: true));
    public override Tensor forward(Tensor x) => net.forward(x).mean(new long[] { 2, 3 });
}

sealed class SimClr : Module<Tensor, Tensor>
{
    public readonly Encoder encoder;
    private readonly Module<Tensor, Tensor> head;
    public SimClr() : base("simclr")
    {
        encoder = new Encoder();
        head = Sequential(Linear(128, 128, hasBias: false), BatchNorm1d(128), ReLU(inplace: true), Linear(128, 64));
        RegisterComponents();
    }
    public override Tensor forward(Tensor x) => head.forward(encoder.forward(x));
}
