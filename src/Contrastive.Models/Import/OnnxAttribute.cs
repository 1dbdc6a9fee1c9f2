namespace Contrastive.Import;

/// <summary>An ONNX node attribute: whichever of an integer, a float, a string, integers or a tensor it holds.</summary>
/// <param name="Int">The integer value (0 when absent).</param>
/// <param name="Float">The float value (0 when absent).</param>
/// <param name="Text">The string value ("" when absent).</param>
/// <param name="Ints">The list of integers (empty when absent).</param>
/// <param name="Tensor">The tensor value (a Constant node's), or null.</param>
public sealed record OnnxAttribute(long Int, float Float, string Text, IReadOnlyList<long> Ints, OnnxTensor? Tensor);
