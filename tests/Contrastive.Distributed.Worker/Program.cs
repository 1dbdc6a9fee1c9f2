using Contrastive.Distributed;
using Contrastive.Distributed.Worker;
using Contrastive.IO;

// Runs every StepCases case as one process of an mpirun launch (or alone); rank 0 writes the results to the
// safetensors file named by the argument, each under "CASE/NAME".
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: mpirun -np N dotnet Contrastive.Distributed.Worker.dll RESULTS.safetensors");
    return 2;
}
Contrastive.Engine.Threads = 1;
var group = ProcessGroups.FromEnvironment();
try
{
    var results = StepCases.All
        .SelectMany(c => StepCases.Run(c, group, c.Chunk).Select(r => (c.Name + "/" + r.Key, r.Value, SafeTensorsDtype.F32)))
        .ToArray();
    if (group.Rank == 0) SafeTensors.Write(args[0], results);
    return 0;
}
finally
{
    (group as IDisposable)?.Dispose();
}
