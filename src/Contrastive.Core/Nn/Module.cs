using Contrastive.IO;
using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>
/// A layer or model: owns parameters, buffers and child modules, registered explicitly in the
/// constructor under the names PyTorch uses, so <see cref="StateEntries"/> keys match PyTorch's
/// (<c>net.0.weight</c>, <c>bn.running_mean</c>, ...). The math lives in <see cref="Ops"/>; a module
/// only holds state and calls the functional op.
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Tensor Tensor)> _parameters = [];
    private readonly List<(string Name, Tensor Tensor, SafeTensorsDtype Dtype)> _buffers = [];
    private readonly List<(string Name, Module Module)> _children = [];

    /// <summary>True in training mode (batch statistics, dropout active); false in eval mode.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Applies the module.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Switches this module and all children to training (true) or eval (false) mode.</summary>
    public void Train(bool training = true)
    {
        Training = training;
        foreach (var (_, child) in _children) child.Train(training);
    }

    /// <summary>Switches to eval mode.</summary>
    public void Eval() => Train(false);

    /// <summary>Runs <paramref name="body"/> in eval mode without gradients, then gives every module its previous mode
    /// back (a frozen part of a model in training stays in eval mode).</summary>
    public T Inference<T>(Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var modes = Modules().Select(m => (Module: m, m.Training)).ToArray();
        Eval();
        try
        {
            using var _ = Autograd.NoGrad();
            return body();
        }
        finally
        {
            foreach (var (module, training) in modes) module.Training = training;
        }
    }

    /// <summary>Registers a trainable parameter; the tensor is marked <see cref="Tensor.RequiresGrad"/>.</summary>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        EnsureNewName(name);
        parameter.RequiresGrad = true;
        _parameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>Registers a non-trainable state tensor (running statistics, counters). Integer buffers
    /// (such as <c>num_batches_tracked</c>) are stored as float here and written as I64 in checkpoints.</summary>
    protected Tensor RegisterBuffer(string name, Tensor buffer, bool isInteger = false)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        EnsureNewName(name);
        _buffers.Add((name, buffer, isInteger ? SafeTensorsDtype.I64 : SafeTensorsDtype.F32));
        return buffer;
    }

    /// <summary>Registers a child module whose state is named <c>name.*</c>.</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        EnsureNewName(name);
        _children.Add((name, module));
        return module;
    }

    /// <summary>The child modules in registration order.</summary>
    public IEnumerable<(string Name, Module Module)> Children => _children;

    /// <summary>This module and all its descendants, depth first (PyTorch's <c>modules()</c>).</summary>
    public IEnumerable<Module> Modules()
    {
        yield return this;
        foreach (var (_, child) in _children)
            foreach (var m in child.Modules()) yield return m;
    }

    /// <summary>This module (named <paramref name="prefix"/> without its final dot) and all its descendants, depth first,
    /// with dotted names (PyTorch's <c>named_modules()</c>).</summary>
    public IEnumerable<(string Name, Module Module)> NamedModules(string prefix = "")
    {
        yield return (prefix.TrimEnd('.'), this);
        foreach (var (name, child) in _children)
            foreach (var m in child.NamedModules(prefix + name + ".")) yield return m;
    }

    /// <summary>All trainable parameters, depth first, with dotted names.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> NamedParameters(string prefix = "")
    {
        foreach (var (name, t) in _parameters) yield return (prefix + name, t);
        foreach (var (name, child) in _children)
            foreach (var p in child.NamedParameters(prefix + name + ".")) yield return p;
    }

    /// <summary>All trainable parameters.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Tensor);

    /// <summary>All buffers, depth first, with dotted names and their checkpoint storage type (I64 for integer buffers).</summary>
    public IEnumerable<(string Name, Tensor Tensor, SafeTensorsDtype Dtype)> NamedBuffers(string prefix = "")
    {
        foreach (var (name, t, dtype) in _buffers) yield return (prefix + name, t, dtype);
        foreach (var (name, child) in _children)
            foreach (var b in child.NamedBuffers(prefix + name + ".")) yield return b;
    }

    /// <summary>Parameters and buffers by PyTorch state_dict key, in PyTorch's order (per module:
    /// parameters, then buffers, then children), with their checkpoint storage type.</summary>
    public IEnumerable<(string Name, Tensor Tensor, SafeTensorsDtype Dtype)> StateEntries(string prefix = "")
    {
        foreach (var (name, t) in _parameters) yield return (prefix + name, t, SafeTensorsDtype.F32);
        foreach (var b in _buffers) yield return (prefix + b.Name, b.Tensor, b.Dtype);
        foreach (var (name, child) in _children)
            foreach (var e in child.StateEntries(prefix + name + ".")) yield return e;
    }

    /// <summary>Clears the gradients of all parameters.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.Grad = null;
    }

    /// <summary>
    /// Copies values into this module's parameters and buffers by key. With <paramref name="strict"/>,
    /// missing or unexpected keys are an error; shapes must always match and values be finite. Nothing is copied
    /// unless everything passes.
    /// </summary>
    /// <exception cref="InvalidDataException">A key is missing or unexpected, a shape differs or a value is NaN or
    /// infinite; the message names it.</exception>
    public void LoadState(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = StateEntries().ToDictionary(e => e.Name, e => e.Tensor);
        if (strict)
        {
            var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
            var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new InvalidDataException($"state does not match the model: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        }
        foreach (var (name, target) in own)
        {
            if (!state.TryGetValue(name, out var source)) continue;
            if (!source.Shape.SequenceEqual(target.Shape))
                throw new InvalidDataException($"state '{name}' has shape {Shapes.Format(source.Shape)} but the model expects {Shapes.Format(target.Shape)}");
            if (FiniteValues.Describe(source.Span) is { } bad)
                throw new InvalidDataException($"state '{name}' holds {bad}: the weights are poisoned (saved from a diverged run, or damaged)");
        }
        foreach (var (name, target) in own)
            if (state.TryGetValue(name, out var source)) target.CopyFrom(source.Span);
    }

    private void EnsureNewName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.', StringComparison.Ordinal))
            throw new ArgumentException($"invalid state name '{name}'", nameof(name));
        if (_parameters.Any(p => p.Name == name) || _buffers.Any(b => b.Name == name) || _children.Any(c => c.Name == name))
            throw new ArgumentException($"'{name}' is already registered on {GetType().Name}", nameof(name));
    }
}
