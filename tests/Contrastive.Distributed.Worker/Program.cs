using Contrastive.Distributed;
using Contrastive.Distributed.Worker;
using Contrastive.IO;

// The program the data-parallel tests launch with mpirun (it also runs alone, as one process):
//   steps RESULTS.safetensors        every StepCases case; rank 0 writes the results, each under "CASE/NAME"
//   train RUN_DIR [--stop|--resume]  the ResumableRun, stopped after its first epoch or resumed
const string Usage = "usage: mpirun -np N dotnet Contrastive.Distributed.Worker.dll steps RESULTS.safetensors | train RUN_DIR [--stop|--resume]";
if (args.Length < 2 || args[0] is not ("steps" or "train") || (args[0] == "steps" && args.Length != 2) || args.Length > 3)
{
    Console.Error.WriteLine(Usage);
    return 2;
}
Contrastive.Engine.Threads = 1;
var group = ProcessGroups.FromEnvironment();
try
{
    if (args[0] == "train")
    {
        var option = args.Length == 3 ? args[2] : "";
        if (option is not ("" or "--stop" or "--resume")) throw new ArgumentException($"unknown option '{option}'; {Usage}");
        ResumableRun.Train(args[1], group, resume: option == "--resume", stopAfterFirstEpoch: option == "--stop");
        return 0;
    }
    var results = StepCases.All
        .SelectMany(c => StepCases.Run(c, group, c.Chunk).Select(r => (c.Name + "/" + r.Key, r.Value, SafeTensorsDtype.F32)))
        .ToArray();
    if (group.Rank == 0) SafeTensors.Write(args[1], results);
    return 0;
}
finally
{
    (group as IDisposable)?.Dispose();
}
