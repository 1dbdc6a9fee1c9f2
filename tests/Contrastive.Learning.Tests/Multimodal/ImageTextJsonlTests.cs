using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Data.Formats.Images;
using Contrastive.Data.Text;
using Contrastive.Multimodal;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Multimodal;

/// <summary>Loading image-text pairs from JSON Lines: paths, conversion, tokenization and every kind of bad input.</summary>
public sealed class ImageTextJsonlTests : IDisposable
{
    private readonly TempDirectory _temp = new("contrastive-clip");

    public ImageTextJsonlTests()
    {
        Directory.CreateDirectory(Path.Combine(_temp.Path, "img"));
        WritePng("img/a.png", 4, 4, 1, 10);
        WritePng("img/b.png", 8, 8, 3, 200); // colour and twice the size: converted to the first image's geometry
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Loads_pairs_relative_to_the_file_and_converts_images()
    {
        var path = Write("pairs.jsonl", """
            {"image": "img/a.png", "text": "a dark square"}

            {"image": "img/b.png", "text": "a bright square", "extra": 1}
            """);
        var (images, captions) = ImageTextJsonl.Load(path);
        Assert.Equal(["a dark square", "a bright square"], captions);
        Assert.Equal((2, 1, 4, 4), (images.Count, images.Channels, images.Height, images.Width));
        Assert.All(images.Image(0).ToArray(), v => Assert.Equal(10 / 255f, v, 5));
        Assert.All(images.Image(1).ToArray(), v => Assert.Equal(200 / 255f, v, 4));

        var sized = ImageTextJsonl.Load(path, new ImageLoadOptions { Channels = 3, Height = 2, Width = 2 }).Images;
        Assert.Equal((3, 2, 2), (sized.Channels, sized.Height, sized.Width));

        var data = new ImageTextDataset(images, captions, WordTokenizer.Build(captions, 10_000), maxLength: 6);
        Assert.Equal(2, data.Count);
        Assert.Equal(data.Tokenizer.Encode("a bright square", 6).Ids, data.Text(1).Ids);
        Assert.Null(data.Batch([0, 1], 0).Labels);
    }

    [Theory]
    [InlineData("{\"image\": \"img/a.png\"}", "line 1: missing non-empty string field 'text'")]
    [InlineData("{\"text\": \"x\"}", "line 1: missing non-empty string field 'image'")]
    [InlineData("{\"image\": 3, \"text\": \"x\"}", "line 1: missing non-empty string field 'image'")]
    [InlineData("{\"image\": \"img/a.png\", \"text\": \"x\"}\n[1, 2]", "line 2: expected a JSON object")]
    [InlineData("{\"image\": \"img/a.png\", \"text\": \"x\"}\n\n{oops", "line 3: invalid JSON")]
    [InlineData("\n  \n", "no image-text records")]
    [InlineData("{\"image\": \"img/a.png\", \"text\": \"x\"}\n{\"image\": \"img/missing.png\", \"text\": \"y\"}", "line 2: ")]
    public void Rejects_bad_files_naming_file_and_line(string content, string expected)
    {
        var path = Write("bad.jsonl", content);
        var ex = Assert.Throws<DatasetException>(() => ImageTextJsonl.Load(path));
        Assert.StartsWith(path + ": ", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Names_the_missing_image_and_the_missing_file()
    {
        var path = Write("pairs.jsonl", "{\"image\": \"img/nope.png\", \"text\": \"x\"}");
        Assert.Contains("nope.png", Assert.Throws<DatasetException>(() => ImageTextJsonl.Load(path)).Message);
        var corrupt = Write("img/corrupt.png", "not an image");
        Assert.Contains("unrecognised image format", Assert.Throws<DatasetException>(() =>
            ImageTextJsonl.Load(Write("c.jsonl", "{\"image\": \"img/corrupt.png\", \"text\": \"x\"}"))).Message);
        Assert.Contains("not found", Assert.Throws<DatasetException>(() => ImageTextJsonl.Load(Path.Combine(_temp.Path, "absent.jsonl"))).Message);
        Assert.True(File.Exists(corrupt));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_temp.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    private void WritePng(string name, int width, int height, int channels, byte value) =>
        PngEncoder.Write(Path.Combine(_temp.Path, name), new DecodedImage(Enumerable.Repeat(value, width * height * channels).ToArray(), width, height, channels));
}
