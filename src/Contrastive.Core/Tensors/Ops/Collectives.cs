using Contrastive.Distributed;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Concatenates every process's <paramref name="x"/> along dimension 0 in rank order (all processes pass the same
    /// shape), for in-batch losses over the whole data-parallel batch. Backward: the output gradients of all processes are
    /// summed and each process keeps the rows of its own input (a reduce-scatter), so a loss L_r on process r back-propagates
    /// d(sum_r L_r)/dx into x. One process returns <paramref name="x"/> itself.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is a scalar.</exception>
    public static Tensor AllGather(Tensor x, IProcessGroup group)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(group);
        if (x.Rank < 1) throw new ArgumentException($"all-gather needs a batch dimension, got shape {Shapes.Format(x.Shape)}", nameof(x));
        if (group.Size == 1) return x;
        var shape = x.Shape.ToArray();
        shape[0] *= group.Size;
        var all = new float[(long)x.Length * group.Size];
        group.AllGather(x.Buffer, all);
        return Tensor.FromOp(all, shape, "all_gather", [x], g =>
        {
            var own = new float[x.Length];
            group.ReduceScatterSum(g, own);
            var gx = Tensor.GradBuffer(x);
            System.Numerics.Tensors.TensorPrimitives.Add(gx, own, gx);
        });
    }
}
