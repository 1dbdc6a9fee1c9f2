using System.Globalization;
using Contrastive.Tensors;

namespace Contrastive.Optim;

/// <summary>
/// Base of the optimisers: parameter groups, <see cref="Step"/> over every parameter that has a
/// gradient (others are skipped and keep their state), and per-parameter state (momentum buffers,
/// moments, step counts) exportable as named tensors <c>"{index}.{name}"</c>, where index counts
/// parameters across groups in order, so training can be checkpointed and resumed bit-exactly.
/// </summary>
public abstract class Optimizer
{
    private readonly Tensor[] _parameters;
    private readonly Dictionary<string, float[]> _state = [];

    /// <summary>Creates the optimiser over <paramref name="groups"/>.</summary>
    /// <exception cref="ArgumentException">No group is given, or a parameter appears twice.</exception>
    protected Optimizer(IEnumerable<ParameterGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Groups = groups.ToArray();
        if (Groups.Count == 0) throw new ArgumentException("an optimiser needs at least one parameter group", nameof(groups));
        _parameters = Groups.SelectMany(g => g.Parameters).ToArray();
        if (_parameters.Distinct(ReferenceEqualityComparer.Instance).Count() != _parameters.Length)
            throw new ArgumentException("a parameter appears more than once across the parameter groups", nameof(groups));
    }

    /// <summary>The parameter groups, whose learning rates a schedule may change between steps.</summary>
    public IReadOnlyList<ParameterGroup> Groups { get; }

    /// <summary>The names of the per-parameter state this optimiser keeps; the flag marks one-element counters.</summary>
    protected abstract IReadOnlyList<(string Name, bool IsScalar)> StateNames { get; }

    /// <summary>Updates one parameter from its gradient (same length as the parameter).</summary>
    protected abstract void Update(ParameterGroup group, int index, Span<float> parameter, ReadOnlySpan<float> grad, ReadOnlySpan<int> shape);

    /// <summary>Applies one update to every parameter with a gradient.</summary>
    public void Step()
    {
        var index = 0;
        foreach (var group in Groups)
            foreach (var p in group.Parameters)
            {
                if (p.Grad is { } grad) Update(group, index, p.Span, grad.Span, p.Shape);
                index++;
            }
    }

    /// <summary>Clears the gradients of all parameters.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.Grad = null;
    }

    /// <summary>Forgets every parameter's state (momentum buffers, moments, step counts): the next step updates as a
    /// fresh optimiser's first would.</summary>
    public void ClearState() => _state.Clear();

    /// <summary>The state buffer <paramref name="name"/> of parameter <paramref name="index"/>, zero-filled on first use.</summary>
    protected float[] State(int index, string name)
    {
        var key = Key(index, name);
        if (!_state.TryGetValue(key, out var buffer))
        {
            var isScalar = StateNames.First(s => s.Name == name).IsScalar;
            _state[key] = buffer = new float[isScalar ? 1 : _parameters[index].Length];
        }
        return buffer;
    }

    /// <summary>A copy of the state as named tensors (parameter shape, or rank 0 for counters).</summary>
    public IReadOnlyDictionary<string, Tensor> GetState()
    {
        var result = new SortedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, buffer) in _state)
        {
            var (index, name) = Parse(key);
            result[key] = new Tensor((float[])buffer.Clone(), IsScalar(name) ? [] : _parameters[index].Shape);
        }
        return result;
    }

    /// <summary>Replaces the whole state by <paramref name="state"/> (as returned by <see cref="GetState"/>).</summary>
    /// <exception cref="InvalidDataException">A key names no parameter or state, or a shape differs; the message names it.</exception>
    public void LoadState(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var loaded = new Dictionary<string, float[]>();
        foreach (var (key, tensor) in state)
        {
            var (index, name) = Parse(key);
            if (index < 0 || index >= _parameters.Length || !StateNames.Any(s => s.Name == name))
                throw new InvalidDataException($"optimizer state '{key}' does not belong to this {GetType().Name} ({_parameters.Length} parameters, state {string.Join(", ", StateNames.Select(s => s.Name))})");
            ReadOnlySpan<int> expected = IsScalar(name) ? [] : _parameters[index].Shape;
            if (!tensor.Shape.SequenceEqual(expected))
                throw new InvalidDataException($"optimizer state '{key}' has shape {Shapes.Format(tensor.Shape)} but parameter {index} needs {Shapes.Format(expected)}");
            if (FiniteValues.Describe(tensor.Span) is { } bad) throw new InvalidDataException($"optimizer state '{key}' holds {bad}");
            loaded[key] = tensor.ToArray();
        }
        _state.Clear();
        foreach (var (key, buffer) in loaded) _state[key] = buffer;
    }

    private bool IsScalar(string name) => StateNames.Any(s => s.Name == name && s.IsScalar);

    private static string Key(int index, string name) => index.ToString(CultureInfo.InvariantCulture) + "." + name;

    private static (int Index, string Name) Parse(string key)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && int.TryParse(key.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? (index, key[(dot + 1)..])
            : (-1, key);
    }
}
