using Contrastive.Distributed;
using Contrastive.Methods;
using Contrastive.Tensors;

namespace Contrastive.Training;

/// <summary>
/// What a data-parallel step adds to a single process's: the same starting state on every process, and after each
/// process has back-propagated its share of the batch, the mean of the processes' gradients and losses (one
/// all-reduce). With the in-batch losses gathering every process's embeddings (<see cref="ContrastiveMethod.Group"/>),
/// the result is the gradient and loss of the whole batch on one process.
/// </summary>
public static class DataParallel
{
    /// <summary>
    /// <see cref="ContrastiveMethod.ComputeGradients"/> on this process's share of the batch, then the mean over the
    /// processes of every gradient in <paramref name="parameters"/> and of the loss, which it returns. A parameter that
    /// got no gradient on any process keeps none. The step's activations go back to the buffer pool as the backward pass
    /// frees them (<see cref="Autograd.RecycleActivations"/>): the method keeps no tensor of its graph.
    /// </summary>
    public static float ComputeGradients(ContrastiveMethod method, TrainingBatch batch, IReadOnlyList<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(parameters);
        float loss;
        using (Autograd.RecycleActivations()) loss = method.ComputeGradients(batch);
        var group = method.Group;
        if (group.Size == 1) return loss;
        // One buffer: every gradient, then a 0/1 flag per parameter telling whether it had one, then the loss.
        var flags = parameters.Sum(p => p.Length);
        var values = new float[flags + parameters.Count + 1];
        var offset = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (p.Grad is { } grad)
            {
                grad.Span.CopyTo(values.AsSpan(offset, p.Length));
                values[flags + i] = 1f;
            }
            offset += p.Length;
        }
        values[^1] = loss;
        group.AllReduceSum(values);
        System.Numerics.Tensors.TensorPrimitives.Multiply(values, 1f / group.Size, values);
        offset = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (values[flags + i] > 0)
            {
                p.Grad ??= Tensor.Zeros(p.Shape.ToArray());
                p.Grad.CopyFrom(values.AsSpan(offset, p.Length));
            }
            offset += p.Length;
        }
        return values[^1];
    }

    /// <summary>Copies rank 0's values of <paramref name="tensors"/> (the same list on every process) to every process.</summary>
    public static void Broadcast(IProcessGroup group, IEnumerable<Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(tensors);
        if (group.Size == 1) return;
        var list = tensors.ToArray();
        var values = new float[list.Sum(t => t.Length)];
        var offset = 0;
        foreach (var t in list) { t.Span.CopyTo(values.AsSpan(offset)); offset += t.Length; }
        group.Broadcast(values, root: 0);
        offset = 0;
        foreach (var t in list) { t.CopyFrom(values.AsSpan(offset, t.Length)); offset += t.Length; }
    }
}
