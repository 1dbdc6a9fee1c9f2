namespace Contrastive.Models;

/// <summary>A module mapping inputs to a flat representation of <see cref="OutputDim"/> features.</summary>
public interface IEncoder
{
    /// <summary>The size of the representation.</summary>
    int OutputDim { get; }

    /// <summary>The size of what the heads read (<see cref="HeadInput"/>); the representation's size unless the encoder
    /// says otherwise.</summary>
    int HeadInputDim => OutputDim;

    /// <summary>What the projection or classification head reads of a <paramref name="representation"/>: the
    /// representation itself unless the encoder says otherwise (a grid representation gives its mean cell).</summary>
    Tensors.Tensor HeadInput(Tensors.Tensor representation) => representation;

    /// <summary>The trained layer that ends the encoder and gives its representation (<see cref="ReadoutGrid.Adapter"/>),
    /// which freezing the encoder leaves training; null: none.</summary>
    Nn.Module? Adapter => null;
}
