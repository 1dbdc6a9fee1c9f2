using Contrastive.Distributed;
using Contrastive.Tensors;

namespace Contrastive.Losses;

/// <summary>
/// The in-batch losses over a data-parallel batch: every process gathers all processes' rows (in rank order, with
/// gradient, <see cref="Ops.AllGather"/>) and computes the loss terms of its own rows against all of them, so that the
/// mean of the processes' losses is the loss of the whole batch on one process.
/// </summary>
internal static class ProcessBatch
{
    /// <summary>The rows of every process, rank after rank.</summary>
    public static Tensor Gather(Tensor local, IProcessGroup group) => Ops.AllGather(local, group);

    /// <summary>The labels of every process, rank after rank.</summary>
    public static int[] Gather(int[] local, IProcessGroup group)
    {
        if (group.Size == 1) return local;
        var all = new float[local.Length * group.Size];
        group.AllGather(Array.ConvertAll(local, l => (float)l), all);
        return Array.ConvertAll(all, l => (int)l);
    }

    /// <summary>This process's <paramref name="count"/> rows of a gathered tensor (the tensor itself on one process).</summary>
    public static Tensor OwnRows(Tensor gathered, int count, IProcessGroup group) =>
        group.Size == 1 ? gathered : Ops.Narrow(gathered, 0, group.Rank * count, count);
}
