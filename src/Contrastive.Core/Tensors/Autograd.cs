namespace Contrastive.Tensors;

/// <summary>Autograd switches: the no-grad and enable-grad scopes and the recycling scope.</summary>
public static class Autograd
{
    [ThreadStatic] private static int t_noGradDepth;
    [ThreadStatic] private static int t_recycleDepth;

    /// <summary>True when new ops record a graph (outside every <see cref="NoGrad"/> scope on this thread).</summary>
    public static bool IsEnabled => t_noGradDepth == 0;

    /// <summary>True inside a <see cref="RecycleActivations"/> scope on this thread.</summary>
    public static bool RecyclesActivations => t_recycleDepth > 0;

    /// <summary>Disables graph recording on this thread until the returned scope is disposed.</summary>
    /// <example><code>using (Autograd.NoGrad()) { var z = model.Forward(x); }</code></example>
    public static IDisposable NoGrad()
    {
        t_noGradDepth++;
        return new Scope(() => t_noGradDepth--);
    }

    /// <summary>
    /// Re-enables graph recording on this thread until the returned scope is disposed, even inside
    /// <see cref="NoGrad"/> scopes (PyTorch's <c>enable_grad</c>): for code that trains something of its own, such as a
    /// linear probe, whoever calls it.
    /// </summary>
    public static IDisposable EnableGrad()
    {
        var saved = t_noGradDepth;
        t_noGradDepth = 0;
        return new Scope(() => t_noGradDepth = saved);
    }

    /// <summary>
    /// Until the returned scope is disposed, <see cref="Tensor.Backward(Tensor)"/> on this thread also gives the values
    /// of the graph's intermediate tensors back to the buffer pool once nothing in the graph reads them any more, so the
    /// next forward pass reuses them instead of allocating (and page-faulting) fresh arrays. Inside the scope an
    /// intermediate tensor's values are therefore only valid until its graph has been back-propagated: copy
    /// (<see cref="Tensor.Detach"/>) anything kept beyond that. A training step whose result is its loss value fits.
    /// </summary>
    /// <example><code>using (Autograd.RecycleActivations()) { var loss = method.ComputeGradients(batch); }</code></example>
    public static IDisposable RecycleActivations()
    {
        t_recycleDepth++;
        return new Scope(() => t_recycleDepth--);
    }

    private sealed class Scope(Action exit) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            exit();
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
        var sharing = Autograd.RecyclesActivations ? BufferUsers(order) : null;
        var seed = GradBuffer(this);
        System.Numerics.Tensors.TensorPrimitives.Add(seed, upstream.Buffer, seed);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var t = order[i];
            var node = t.Node!;
            if (t.Grad is not null) node.Backward(t.Grad.Buffer);
            t.Node = null;
            // Every op reading t ran its backward before this one (reverse topological order): t's values are dead
            // unless another tensor (a reshape, a leaf) shares them.
            if (sharing is not null && sharing[t.Buffer] == 1) BufferPool.Return(t.Buffer);
            if (t.RequiresGrad || t.Grad is null) continue;
            // Only this loop ever saw an intermediate's gradient buffer, and its op has consumed it: recycle it.
            BufferPool.Return(t.Grad.Buffer);
            t.Grad = null;
        }
    }

    /// <summary>How many distinct tensors of the graph (its intermediates and their inputs) hold each buffer.</summary>
    private static Dictionary<float[], int> BufferUsers(List<Tensor> order)
    {
        var users = new Dictionary<float[], int>(ReferenceEqualityComparer.Instance);
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var t in order)
            foreach (var u in t.Node!.Inputs.Append(t))
                if (seen.Add(u)) users[u.Buffer] = users.GetValueOrDefault(u.Buffer) + 1;
        return users;
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
