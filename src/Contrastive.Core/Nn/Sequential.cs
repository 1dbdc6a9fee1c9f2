using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>
/// Applies its children in order; children are named 0, 1, 2 ... as in PyTorch. A batch-norm layer directly followed
/// by a <see cref="ReLU"/> runs as one fused op (<see cref="BatchNormBase.ForwardRelu"/>): same result, one pass.
/// When a layer's output records no autograd graph (inference, no-grad scopes), the intermediate it consumed is
/// recycled for later outputs, so layers must not keep references to their inputs.
/// </summary>
public sealed class Sequential : Module
{
    private readonly List<Module> _layers = [];

    /// <summary>Creates a sequence of layers.</summary>
    public Sequential(params Module[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Module> Layers => _layers;

    /// <summary>Appends a layer named by its position.</summary>
    public void Add(Module layer)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        for (var i = 0; i < _layers.Count; i++)
        {
            Tensor y;
            if (_layers[i] is BatchNormBase norm && i + 1 < _layers.Count && _layers[i + 1] is ReLU)
            {
                y = norm.ForwardRelu(x);
                i++;
            }
            else y = _layers[i].Forward(x);
            // x was made here (not the input, nor a view of it), and nothing but y's layer ever read it.
            x = x != input && x.Buffer != input.Buffer ? Intermediates.Recycle(x, y) : y;
        }
        return x;
    }
}
