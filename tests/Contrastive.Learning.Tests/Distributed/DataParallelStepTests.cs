using Contrastive.Distributed;
using Contrastive.Distributed.Worker;
using Contrastive.IO;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Distributed;

/// <summary>
/// One step of every in-batch method by 2 processes on half batches each (mpirun, the worker program) against one
/// process on the whole batch: the same loss, every gradient and the MoCo queue, with and without GradCache.
/// </summary>
public sealed class DataParallelStepTests
{
    // One launch serves every case: mpirun and two .NET start-ups cost more than the steps.
    private static readonly Lazy<IReadOnlyDictionary<string, Tensor>> s_twoProcesses = new(RunTwoProcesses);

    public static TheoryData<string> Cases => [.. StepCases.All.Select(c => c.Name)];

    [MpiTheory]
    [MemberData(nameof(Cases))]
    public void Two_processes_on_half_batches_equal_one_process_on_the_whole_batch(string name)
    {
        var step = StepCases.All.Single(c => c.Name == name);
        // Training-mode batch-norm normalises each process's half: one process does the same with GradCache halves.
        var expected = StepCases.Run(step, SingleProcess.Instance, step.Training ? StepCases.BatchSize / 2 : step.Chunk);
        var actual = s_twoProcesses.Value.Where(kv => kv.Key.StartsWith(name + "/", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[(name.Length + 1)..], kv => kv.Value);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.Contains(expected.Keys, k => k.StartsWith("grad.encoder.", StringComparison.Ordinal));
        // Float sums of another order differ by a share of their terms, not of their result: a gradient that is 0 in exact
        // arithmetic (Barlow Twins' last bias, behind the batch standardisation) comes out as noise of the others' size.
        var largest = expected.Where(kv => kv.Key.StartsWith("grad.", StringComparison.Ordinal)).Max(kv => kv.Value.Span.ToArray().Max(Math.Abs));
        foreach (var (key, tensor) in expected) TensorAssert.Close(tensor, actual[key], $"{name} {key}", rel: 1e-3, abs: 1e-5 + 1e-4 * largest);
    }

    [Fact]
    public void Without_mpirun_the_process_group_is_this_process_alone()
    {
        Assert.False(ProcessGroups.LaunchedByMpirun);
        Assert.Same(SingleProcess.Instance, ProcessGroups.FromEnvironment());
    }

    private static IReadOnlyDictionary<string, Tensor> RunTwoProcesses()
    {
        using var directory = new TempDirectory();
        var results = directory.File("results.safetensors");
        Mpirun.Run(2, typeof(StepCases).Assembly.Location, "steps", results);
        return SafeTensors.Read(results).Tensors;
    }
}
