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
