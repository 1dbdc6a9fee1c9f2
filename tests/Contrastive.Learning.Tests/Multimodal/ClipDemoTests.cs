using System.Diagnostics;
using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Multimodal;
using Contrastive.Optim;
using Contrastive.Tensors;
using Xunit.Abstractions;

namespace Contrastive.Learning.Tests.Multimodal;

/// <summary>
/// CLIP end to end on the embedded demo data (Fashion-MNIST with synthetic captions): a few hundred steps of
/// two-tower training (bench encoder on 14x14 images, 2-layer width-64 Transformer, 16 tokens) must give zero-shot
/// accuracy ("a photo of a {class}" prompts) far above chance (10%) on held-out images. Seeded: it reached 79.4%.
/// </summary>
public class ClipDemoTests(ITestOutputHelper output)
{
    private const int MaxLength = 16, TrainPerClass = 100, TestPerClass = 50, BatchSize = 32, Steps = 200;

    [Fact]
    public void Clip_training_on_demo_data_gives_zero_shot_accuracy_far_above_chance()
    {
        var clock = Stopwatch.StartNew();
        var demo = DemoDataset.Load();
        var train = Downsample(PerClass(demo.Train, TrainPerClass));
        var test = Downsample(PerClass(demo.Test, TestPerClass));
        var data = ImageTextDataset.FromLabeled(train, MaxLength, seed: 5);
        var rng = new Rng(7);
        var text = new TransformerTextEncoder(rng, new TextEncoderOptions(data.Tokenizer.VocabularySize, MaxLength) { ModelDim = 64, Layers = 2, Heads = 4 });
        var clip = new Clip(new TwoTowerModel(new BenchEncoder(rng), text, embedDim: 64, rng));
        var optimizer = new AdamW(clip.TrainableParameters(), lr: 2e-3f, weightDecay: 1e-4f);
        var classes = demo.Train.ClassNames!;
        var before = new ZeroShotClassifier(clip.Towers, data.Tokenizer, classes, MaxLength).Accuracy(test);

        var order = Enumerable.Range(0, data.Count).ToArray();
        var shuffle = new Rng(11);
        var losses = new List<float>();
        for (var step = 0; step < Steps; step++)
        {
            var start = step * BatchSize % data.Count;
            if (start + BatchSize > data.Count || step == 0) { shuffle.Shuffle(order.AsSpan()); start = 0; }
            optimizer.ZeroGrad();
            var loss = clip.ComputeLoss(data.Batch(order.AsSpan(start, BatchSize).ToArray(), step));
            loss.Backward();
            optimizer.Step();
            losses.Add(loss.Item());
        }
        var accuracy = new ZeroShotClassifier(clip.Towers, data.Tokenizer, classes, MaxLength).Accuracy(test);
        output.WriteLine($"zero-shot accuracy {before:P1} -> {accuracy:P1}; loss {losses.Take(10).Average():F3} -> {losses.TakeLast(10).Average():F3}; {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(accuracy > 0.5, $"zero-shot accuracy {accuracy:P1} after {Steps} steps (chance 10%)");
    }

    /// <summary>2x2 average pooling to 14x14, a quarter of the image tower's work.</summary>
    private static ImageDataset Downsample(ImageDataset data)
    {
        var pooled = Ops.AvgPool2d(new Tensor(data.Pixels.ToArray(), [data.Count, data.Channels, data.Height, data.Width]), 2);
        return new ImageDataset(pooled.ToArray(), data.Count, data.Channels, pooled.Size(2), pooled.Size(3), data.Labels, data.ClassNames, data.Source);
    }

    private static ImageDataset PerClass(ImageDataset data, int perClass)
    {
        var taken = new int[data.ClassCount];
        var indices = new List<int>();
        for (var i = 0; i < data.Count; i++)
            if (taken[data.Labels![i]]++ < perClass) indices.Add(i);
        return data.Subset(indices);
    }
}
