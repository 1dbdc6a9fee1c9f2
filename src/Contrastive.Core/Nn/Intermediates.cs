using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>
/// Recycling of a forward pass's intermediate outputs when no autograd graph holds them (inference, frozen layers):
/// once the next layer has read an intermediate, its buffer can hold a later output instead of the garbage collector
/// allocating (and the kernel page-faulting) a fresh large array. <see cref="Sequential"/> does this between its layers;
/// a module whose forward is more than a chain of layers (a residual block) calls <see cref="Recycle"/> itself.
/// </summary>
public static class Intermediates
{
    /// <summary>Returns <paramref name="produced"/>; when neither it nor <paramref name="consumed"/> records a graph and they
    /// do not share storage, <paramref name="consumed"/>'s buffer is recycled. Call it only for an intermediate the same
    /// forward pass made (never the module's input) that nothing but the layer producing <paramref name="produced"/> read.</summary>
    public static Tensor Recycle(Tensor consumed, Tensor produced)
    {
        ArgumentNullException.ThrowIfNull(consumed);
        ArgumentNullException.ThrowIfNull(produced);
        if (consumed.Node is null && produced.Node is null && consumed.Buffer != produced.Buffer) BufferPool.Return(consumed.Buffer);
        return produced;
    }
}
