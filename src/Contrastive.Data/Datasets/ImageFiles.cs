using Contrastive.Data.Formats.Images;

namespace Contrastive.Data.Datasets;

/// <summary>Decodes a list of image files (PNG, PGM/PPM, JPEG) in parallel into one NCHW <see cref="ImageDataset"/>.</summary>
public static class ImageFiles
{
    /// <summary>
    /// Decodes <paramref name="files"/>, converted to the channels and size of <paramref name="options"/>, by default
    /// those of the first image (alpha dropped; others are resized bilinearly). When several files fail, the first in
    /// list order is reported.
    /// </summary>
    /// <param name="files">The image paths, in dataset order (at least one).</param>
    /// <param name="options">Target channels and size (the split settings are not used here).</param>
    /// <param name="source">Names the dataset in messages and becomes its <see cref="ImageDataset.Source"/>.</param>
    /// <param name="labels">The class label of each file, or null for unlabeled data.</param>
    /// <param name="classNames">The class names, when known.</param>
    /// <param name="wrapError">Turns the error of file <c>i</c> into the exception to throw (e.g. to name the line of a
    /// list file); null throws the decoder's <see cref="DatasetException"/>, which names the image file.</param>
    /// <exception cref="ArgumentException">The list is empty, or the options ask for other than 1 or 3 channels or a non-positive size.</exception>
    /// <exception cref="DatasetException">An image is missing or corrupt (as <paramref name="wrapError"/> makes it, when given).</exception>
    public static ImageDataset DecodeAll(IReadOnlyList<string> files, ImageLoadOptions options, string source,
        int[]? labels = null, IReadOnlyList<string>? classNames = null, Func<int, DatasetException, Exception>? wrapError = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Channels is { } c && c is not (1 or 3) || options.Height <= 0 || options.Width <= 0)
            throw new ArgumentException($"{source}: cannot load images as {options.Channels}x{options.Height}x{options.Width} (channels 1 or 3, positive size)", nameof(options));
        if (files.Count == 0) throw new ArgumentException($"{source}: no image files to decode", nameof(files));
        DecodedImage first;
        try
        {
            first = ImageDecoder.Decode(files[0]);
        }
        catch (DatasetException e) when (wrapError is not null)
        {
            throw wrapError(0, e);
        }
        var channels = options.Channels ?? (first.IsColor ? 3 : 1);
        var height = options.Height ?? first.Height;
        var width = options.Width ?? first.Width;
        var size = channels * height * width;
        var pixels = new float[(long)files.Count * size];
        var failures = new DatasetException?[files.Count];
        Parallelism.ForChunks(files.Count, 16, (start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                try
                {
                    var image = i == 0 ? first : ImageDecoder.Decode(files[i]);
                    ImageResampler.ToPlanar(image, channels, height, width, pixels.AsSpan(i * size, size));
                }
                catch (DatasetException e)
                {
                    failures[i] = e;
                    return;
                }
            }
        });
        var failed = Array.FindIndex(failures, f => f is not null);
        if (failed >= 0) throw wrapError?.Invoke(failed, failures[failed]!) ?? failures[failed]!;
        return new ImageDataset(pixels, files.Count, channels, height, width, labels, classNames, source);
    }
}
