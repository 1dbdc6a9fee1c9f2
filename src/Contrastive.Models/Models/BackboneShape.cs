namespace Contrastive.Models;

/// <summary>
/// How much of a pre-trained ImageNet ResNet an encoder uses: the side of the square images it sees and how many of its
/// four stages it keeps (a network cut after stage 2 or 3 reads out mid-level features, which carry to a domain far
/// from ImageNet better than the last stage's). How the kept map is read out is a <see cref="ReadoutGrid"/>, as for
/// every convolutional encoder.
/// </summary>
/// <param name="InputSize">The side of the square images the network sees, at least 32 pixels.</param>
/// <param name="Stages">The stages kept, 1 to 4.</param>
public sealed record BackboneShape(int InputSize, int Stages = 4)
{
    /// <summary>The whole network at <paramref name="inputSize"/> pixels: the ImageNet model as it comes.</summary>
    public static BackboneShape Whole(int inputSize) => new(inputSize);

    /// <summary>Throws when a field is out of its range; the message names the field.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    public void Validate()
    {
        if (InputSize < 32) throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize, "the input size must be at least 32 pixels");
        if (Stages is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(Stages), Stages, "a ResNet keeps 1 to 4 stages");
    }
}
