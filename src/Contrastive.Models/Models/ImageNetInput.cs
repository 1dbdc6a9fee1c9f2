using Contrastive.Data.Formats.Images;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// Turns images in [0, 1] (grey or RGB, any size) into the input of a Caffe/CNTK-style ImageNet network such as the
/// ResNet-18 of <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>: bilinear resize to <see cref="Size"/> x
/// <see cref="Size"/> (half-pixel centres, as <see cref="ImageResampler"/>), grey replicated to three channels, scaled
/// to [0, 255], channels in BGR order, minus a per-pixel mean image (buffer <c>mean</c>, (3, S, S), BGR). It is data
/// preparation, not a learned layer: its output records no gradient towards its input.
/// </summary>
public sealed class ImageNetInput : Module
{
    private readonly Tensor _mean;

    /// <summary>Creates the layer for <paramref name="size"/>-pixel inputs with the mean image <paramref name="meanBgr"/>
    /// of shape (3, H, W) (any size: it is resized to <paramref name="size"/> like the images).</summary>
    /// <exception cref="ArgumentException">The size is not positive or the mean image is not (3, H, W).</exception>
    public ImageNetInput(int size, Tensor meanBgr)
    {
        ArgumentNullException.ThrowIfNull(meanBgr);
        if (size <= 0) throw new ArgumentException($"input size must be positive, got {size}", nameof(size));
        if (meanBgr.Rank != 3 || meanBgr.Size(0) != 3) throw new ArgumentException($"mean image must be (3, H, W), got {Shapes.Format(meanBgr.Shape)}", nameof(meanBgr));
        Size = size;
        var mean = Tensor.Zeros(3, size, size);
        ImageResampler.Resize(meanBgr.Span, 3, meanBgr.Size(1), meanBgr.Size(2), 3, size, size, mean.Span);
        _mean = RegisterBuffer("mean", mean);
    }

    /// <summary>The side of the square images the network receives.</summary>
    public int Size { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is not (N, 1 or 3, H, W).</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4 || input.Size(1) is not (1 or 3))
            throw new ArgumentException($"ImageNet input: images must be (N, 1 or 3, H, W), got {Shapes.Format(input.Shape)}");
        int n = input.Size(0), c = input.Size(1), h = input.Size(2), w = input.Size(3), plane = Size * Size;
        var output = Tensor.Zeros(n, 3, Size, Size);
        var (source, target, mean) = (input.Memory, output.Memory, _mean.Memory);
        Parallelism.ForChunks(n, 1, (start, end) =>
        {
            var rgb = new float[3 * plane];
            for (var i = start; i < end; i++)
            {
                ImageResampler.Resize(source.Span.Slice(i * c * h * w, c * h * w), c, h, w, 3, Size, Size, rgb);
                var bgr = target.Span.Slice(i * 3 * plane, 3 * plane);
                for (var ch = 0; ch < 3; ch++)
                {
                    var from = rgb.AsSpan((2 - ch) * plane, plane);
                    var to = bgr.Slice(ch * plane, plane);
                    var m = mean.Span.Slice(ch * plane, plane);
                    for (var p = 0; p < plane; p++) to[p] = 255f * from[p] - m[p];
                }
            }
        });
        return output;
    }
}
