namespace Contrastive.Models;

/// <summary>The first layers of a <see cref="ResNet18"/>.</summary>
public enum ResNetStem
{
    /// <summary>CIFAR-style, for small images: a 3x3 stride-1 convolution without max-pooling.</summary>
    Cifar,

    /// <summary>torchvision's ImageNet stem: a 7x7 stride-2 convolution (padding 3), then 3x3 stride-2 max-pooling (padding 1).</summary>
    ImageNet,
}
