namespace Contrastive.Tensors;

/// <summary>Autograd switches: the no-grad scope.</summary>
public static class Autograd
{
    [ThreadStatic] private static int t_noGradDepth;

    /// <summary>True when new ops record a graph (outside every <see cref="NoGrad"/> scope on this thread).</summary>
    public static bool IsEnabled => t_noGradDepth == 0;

    /// <summary>Disables graph recording on this thread until the returned scope is disposed.</summary>
    /// <example><code>using (Autograd.NoGrad()) { var z = model.Forward(x); }</code></example>
    public static IDisposable NoGrad()
    {
        t_noGradDepth++;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            t_noGradDepth--;
        }
    }
}

public sealed partial class Tensor
{
    /// <summary>
    /// Creates the result of an op: records <paramref name="backward"/> on the tape when autograd is
    /// enabled and any input tracks gradients, otherwise returns a plain tensor.
    /// </summary>
    internal static Tensor FromOp(float[] data, ReadOnlySpan<int> shape, string name, Tensor[] inputs, Action<float[]> backward)
    {
        var result = new Tensor(data, shape);
        if (Autograd.IsEnabled && inputs.Any(t => t.TracksGrad))
            result.Node = new GradNode(name, inputs, backward);
        return result;
    }

    /// <summary>Back-propagates from a one-element tensor (the loss), seeding its gradient with 1.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not a scalar or has no graph.</exception>
    public void Backward()
    {
        if (Length != 1)
            throw new InvalidOperationException($"Backward() needs a scalar; this tensor has shape {Shapes.Format(_shape)}. Pass an upstream gradient instead.");
        Backward(new Tensor([1f], _shape));
    }

    /// <summary>
    /// Back-propagates an upstream gradient of this tensor's shape: afterwards each parameter's
    /// <see cref="Grad"/> holds (accumulated) d(sum(this * upstream))/d(parameter). The graph is freed.
    /// </summary>
    public void Backward(Tensor upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        Shapes.RequireEqual(_shape, upstream.Shape, "Backward upstream gradient");
        if (!TracksGrad)
            throw new InvalidOperationException("Backward() on a tensor that does not require grad: no parameter contributed to it (or it was computed under NoGrad).");
        var order = TopologicalOrder(this);
        var seed = GradBuffer(this);
        System.Numerics.Tensors.TensorPrimitives.Add(seed, upstream.Buffer, seed);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var t = order[i];
            var node = t.Node!;
            if (t.Grad is not null) node.Backward(t.Grad.Buffer);
            t.Node = null;
            if (t.RequiresGrad || t.Grad is null) continue;
            // Only this loop ever saw an intermediate's gradient buffer, and its op has consumed it: recycle it.
            BufferPool.Return(t.Grad.Buffer);
            t.Grad = null;
        }
    }

    /// <summary>Non-leaf tensors reachable from <paramref name="root"/>, each after all its inputs.</summary>
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Tensor, bool Expanded)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (t, expanded) = stack.Pop();
            if (t.Node is null) continue;
            if (expanded) { order.Add(t); continue; }
            if (!visited.Add(t)) continue;
            stack.Push((t, true));
            foreach (var input in t.Node.Inputs)
                if (input.Node is not null && !visited.Contains(input)) stack.Push((input, false));
        }
        return order;
    }
}
