using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// A multilayer perceptron for tabular rows (or flattened images): [Linear, BatchNorm1d, ReLU] per hidden layer,
/// then a final Linear to the representation. Inputs of rank above 2 are flattened per sample.
/// </summary>
public sealed class MlpEncoder : Module, IEncoder, IBatchNormFoldable
{
    private readonly Sequential _net;

    /// <summary>Creates the MLP with the given hidden widths and output size.</summary>
    public MlpEncoder(Rng rng, int inputDim, IReadOnlyList<int> hiddenDims, int outputDim)
    {
        ArgumentNullException.ThrowIfNull(hiddenDims);
        if (inputDim <= 0 || outputDim <= 0) throw new ArgumentException($"MLP sizes must be positive, got input {inputDim}, output {outputDim}");
        _net = RegisterModule("net", new Sequential());
        var width = inputDim;
        foreach (var hidden in hiddenDims)
        {
            _net.Add(new Linear(width, hidden, bias: false, rng: rng));
            _net.Add(new BatchNorm1d(hidden));
            _net.Add(new ReLU());
            width = hidden;
        }
        _net.Add(new Linear(width, outputDim, bias: true, rng: rng));
        InputDim = inputDim;
        OutputDim = outputDim;
    }

    /// <summary>The number of input features.</summary>
    public int InputDim { get; }

    /// <inheritdoc />
    public int OutputDim { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var flat = input.Rank == 2 ? input : Ops.Reshape(input, input.Size(0), -1);
        if (flat.Size(1) != InputDim)
            throw new ArgumentException($"MLP expects {InputDim} features per sample, got input {Shapes.Format(input.Shape)}");
        return _net.Forward(flat);
    }

    /// <inheritdoc />
    public Module FoldBatchNorm() => new Sequential([new FlattenRows(), .. BatchNormFolding.FoldKnownLayers(_net.Layers)]);
}
