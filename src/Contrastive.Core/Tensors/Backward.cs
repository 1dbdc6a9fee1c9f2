namespace Contrastive.Tensors;

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

    /// <summary>
    /// <see cref="FromOp(float[], ReadOnlySpan{int}, string, Tensor[], Action{float[]})"/> for an op that keeps buffers of
    /// its own for the backward (<paramref name="kept"/>, referenced by nothing else): they go back to the
    /// <see cref="BufferPool"/> once the backward has run (a node runs it once), or at once when no graph is recorded.
    /// </summary>
    internal static Tensor FromOp(float[] data, ReadOnlySpan<int> shape, string name, Tensor[] inputs, float[][] kept, Action<float[]> backward)
    {
        var result = FromOp(data, shape, name, inputs, g =>
        {
            backward(g);
            foreach (var buffer in kept) BufferPool.Return(buffer);
        });
        if (result.Node is null)
            foreach (var buffer in kept) BufferPool.Return(buffer);
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
