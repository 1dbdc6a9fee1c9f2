using Contrastive.Data;
using Contrastive.Tensors;

namespace Contrastive.Cli;

/// <summary>Images flattened to rows: the raw-pixel baseline every learned encoder is compared with.</summary>
internal static class RawPixels
{
    public static Tensor Of(ImageDataset data) => new(data.Pixels.ToArray(), [data.Count, data.ImageSize]);
}
