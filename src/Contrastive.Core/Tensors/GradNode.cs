namespace Contrastive.Tensors;

/// <summary>
/// One recorded operation of the autograd tape: the inputs it read and a closure that, given the
/// gradient of the output, accumulates (<c>+=</c>) gradients into the inputs that track them.
/// </summary>
internal sealed class GradNode(string name, Tensor[] inputs, Action<float[]> backward)
{
    /// <summary>The op name, for error messages.</summary>
    public string Name { get; } = name;

    /// <summary>The tensors the op read.</summary>
    public Tensor[] Inputs { get; } = inputs;

    /// <summary>Accumulates input gradients from the output gradient buffer.</summary>
    public Action<float[]> Backward { get; } = backward;
}
