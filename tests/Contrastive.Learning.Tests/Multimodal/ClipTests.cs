using Contrastive.Data;
using Contrastive.Data.Text;
using Contrastive.Losses;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Multimodal;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Multimodal;

/// <summary>The two-tower model, the CLIP method, the paired dataset and synthetic captions on small synthetic data.</summary>
public class ClipTests
{
    private static readonly string[] s_classes = ["circle", "square", "T-shirt/top"];

    /// <summary>n labeled 1x4x4 images whose label is i mod 3.</summary>
    internal static ImageDataset Images(int n, ulong seed = 1)
    {
        var rng = new Rng(seed);
        var pixels = new float[n * 16];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = rng.NextFloat();
        return new ImageDataset(pixels, n, 1, 4, 4, [.. Enumerable.Range(0, n).Select(i => i % 3)], s_classes, "synthetic");
    }

    internal static TwoTowerModel Towers(int vocabulary, int maxLength, ulong seed = 2)
    {
        var rng = new Rng(seed);
        var text = new TransformerTextEncoder(rng, new TextEncoderOptions(vocabulary, maxLength) { ModelDim = 8, Heads = 2, Layers = 1 });
        return new TwoTowerModel(new MlpEncoder(rng, 16, [12], 10), text, embedDim: 6, rng);
    }

    [Fact]
    public void Two_tower_state_keys_and_logit_scale_init()
    {
        var model = Towers(20, 8);
        var keys = model.StateEntries().Select(e => e.Name).ToArray();
        Assert.Equal("logit_scale", keys[0]);
        Assert.Contains("image_encoder.net.0.weight", keys);
        Assert.Contains("image_projection.weight", keys);
        Assert.Contains("text_encoder.layers.0.self_attn.in_proj_weight", keys);
        Assert.Contains("text_projection.weight", keys);
        Assert.DoesNotContain("image_projection.bias", keys);
        Assert.Equal(MathF.Log(1 / 0.07f), model.LogitScale.Item(), 6);
        Assert.Empty(model.LogitScale.Shape.ToArray());
        Assert.Equal(6, model.OutputDim);
        Assert.Throws<ArgumentException>(() => new TwoTowerModel(new Contrastive.Nn.ReLU(), model.TextEncoder, 4, new Rng(0)));
    }

    [Fact]
    public void Clip_loss_is_cliploss_of_the_towers_and_trains_both_towers_and_the_scale()
    {
        var data = ImageTextDataset.FromLabeled(Images(6), maxLength: 10, seed: 3);
        var clip = new Clip(Towers(data.Tokenizer.VocabularySize, 10));
        var batch = data.Batch([0, 1, 2, 3, 4, 5], step: 0);
        var loss = clip.ComputeLoss(batch);
        var expected = ClipLoss.Compute(clip.Towers.EmbedImages(batch.Views[0]), clip.Towers.EmbedTexts(batch.Views[1]), clip.Towers.LogitScale);
        Assert.Equal(expected.Item(), loss.Item(), 5);
        loss.Backward();
        Assert.All(clip.TrainableParameters(), p => Assert.True(p.Grad is not null && p.Grad.ToArray().Any(v => v != 0f)));
        Assert.Equal("clip", clip.Name);
        // The checkpointed online model holds both towers and the scale.
        Assert.Contains("encoder.logit_scale", clip.Model.StateEntries().Select(e => e.Name));
        Assert.Contains("encoder.text_projection.weight", clip.Model.StateEntries().Select(e => e.Name));
        Assert.Equal(clip.Towers.EmbedImages(batch.Views[0]).ToArray(), clip.Model.Represent(batch.Views[0]).ToArray());
    }

    [Fact]
    public void Clip_gradients_match_finite_differences()
    {
        var data = ImageTextDataset.FromLabeled(Images(4), maxLength: 8, seed: 3);
        var towers = Towers(data.Tokenizer.VocabularySize, 8);
        var clip = new Clip(new TwoTowerModel(new MlpEncoder(new Rng(5), 16, [], 5), towers.TextEncoder, 3, new Rng(6)));
        var batch = data.Batch([0, 1, 2, 3], 0);
        var t = clip.Towers;
        var norm = t.TextEncoder.NamedParameters().Single(p => p.Name == "norm.weight").Tensor;
        GradCheck.Check(_ => clip.ComputeLoss(batch), [t.LogitScale, t.ImageProjection.Weight, t.TextProjection.Weight, norm, .. t.ImageEncoder.Parameters()]);
    }

    [Fact]
    public void Clip_rejects_a_batch_without_token_ids()
    {
        var clip = new Clip(Towers(20, 8));
        var images = Tensor.Zeros(2, 1, 4, 4);
        Assert.Contains("2 views", Assert.Throws<ArgumentException>(() => clip.ComputeLoss(new TrainingBatch([images], null, [0, 1], 0))).Message);
        Assert.Contains("Views[1]", Assert.Throws<ArgumentException>(() => clip.ComputeLoss(new TrainingBatch([images, Tensor.Zeros(3, 8)], null, [0, 1], 0))).Message);
    }

    [Fact]
    public void Dataset_batches_pair_images_with_their_token_ids()
    {
        var images = Images(5);
        var tokenizer = WordTokenizer.Build(["a red circle", "a blue square"], 50);
        string[] captions = ["a red circle", "a blue square", "red", "blue", "a circle"];
        var data = new ImageTextDataset(images, captions, tokenizer, maxLength: 6);
        var batch = data.Batch([3, 1], step: 7);
        Assert.Equal([2, 1, 4, 4], batch.Views[0].Shape.ToArray());
        Assert.Equal(images.Image(3).ToArray(), batch.Views[0].ToArray().AsSpan(0, 16).ToArray());
        Assert.Equal([2, 6], batch.Views[1].Shape.ToArray());
        Assert.Equal(tokenizer.Encode("blue", 6).Ids.Select(i => (float)i), batch.Views[1].ToArray().Take(6));
        Assert.Equal([0, 1], batch.Labels!);
        Assert.Equal([3, 1], batch.Indices);
        Assert.Equal(7, batch.Step);
        Assert.True(data.Text(0).PaddingMask[^1]);
        Assert.Contains("5 images but 2 captions", Assert.Throws<ArgumentException>(() => new ImageTextDataset(images, ["a", "b"], tokenizer, 6)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Batch([5], 0));
        var unlabeled = new ImageDataset(new float[16], 1, 1, 4, 4, null, null, "plain");
        Assert.Contains("plain", Assert.Throws<ArgumentException>(() => ImageTextDataset.FromLabeled(unlabeled, 8, 0)).Message);
    }

    [Fact]
    public void Synthetic_captions_are_seeded_per_sample_and_name_the_class()
    {
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1];
        var a = SyntheticCaptions.ForLabels(labels, s_classes, seed: 11);
        Assert.Equal(a, SyntheticCaptions.ForLabels(labels, s_classes, seed: 11));
        Assert.NotEqual(a, SyntheticCaptions.ForLabels(labels, s_classes, seed: 12));
        Assert.Equal(a[..3], SyntheticCaptions.ForLabels(labels[..3], s_classes, seed: 11));
        for (var i = 0; i < labels.Length; i++) Assert.EndsWith(s_classes[labels[i]], a[i]);
        Assert.True(a.Distinct().Count() > 3, "templates and adjectives vary");
        Assert.Throws<ArgumentException>(() => SyntheticCaptions.ForLabels([3], s_classes, 0));
        // The tokenizer built for the pairs knows every word of the zero-shot prompts.
        var data = ImageTextDataset.FromLabeled(Images(6), 10, seed: 1);
        Assert.All(s_classes, c => Assert.DoesNotContain(WordTokenizer.UnkId, data.Tokenizer.Tokenize(ZeroShotClassifier.Prompt(c))));
    }

    [Fact]
    public void Zero_shot_classifier_picks_the_most_similar_prompt_and_restores_the_mode()
    {
        var data = ImageTextDataset.FromLabeled(Images(6), maxLength: 10, seed: 3);
        var towers = Towers(data.Tokenizer.VocabularySize, 10);
        var classifier = new ZeroShotClassifier(towers, data.Tokenizer, s_classes, 10, ["a photo of a {0}", "a {0}"]);
        Assert.True(towers.Training);
        var images = data.Batch([0, 1, 2, 3], 0).Views[0];
        var s = classifier.Similarities(images);
        Assert.Equal([4, 3], s.Shape.ToArray());
        Assert.All(s.ToArray(), v => Assert.InRange(v, -1.0001f, 1.0001f));
        var expected = Enumerable.Range(0, 4).Select(i => Array.IndexOf(s.ToArray(), s.ToArray().AsSpan(i * 3, 3).ToArray().Max(), i * 3) - i * 3);
        Assert.Equal(expected, classifier.Predict(images));
        var accuracy = classifier.Accuracy(data.Images, batchSize: 4);
        Assert.Equal(data.Images.Labels!.Zip(classifier.Predict(data.Batch([0, 1, 2, 3, 4, 5], 0).Views[0])).Count(p => p.First == p.Second) / 6.0, accuracy, 9);
        Assert.True(towers.Training, "training mode restored");
        var unlabeled = new ImageDataset(new float[16], 1, 1, 4, 4, null, null, "plain");
        Assert.Contains("plain", Assert.Throws<ArgumentException>(() => classifier.Accuracy(unlabeled)).Message);
        Assert.Throws<ArgumentException>(() => new ZeroShotClassifier(towers, data.Tokenizer, [], 10));
    }

    [Fact]
    public void Checkpoint_of_the_online_model_round_trips_both_towers_and_the_scale()
    {
        var data = ImageTextDataset.FromLabeled(Images(4), maxLength: 8, seed: 3);
        var trained = new Clip(Towers(data.Tokenizer.VocabularySize, 8, seed: 2));
        trained.Towers.LogitScale.Span[0] = 3.25f;
        var path = Path.Combine(Path.GetTempPath(), "contrastive-clip-" + Guid.NewGuid().ToString("N") + ".safetensors");
        try
        {
            Contrastive.Nn.ModuleCheckpoint.Save(trained.Model, path);
            var fresh = new Clip(Towers(data.Tokenizer.VocabularySize, 8, seed: 9));
            Contrastive.Nn.ModuleCheckpoint.Load(fresh.Model, path, strict: true);
            Assert.Equal(3.25f, fresh.Towers.LogitScale.Item());
            var batch = data.Batch([0, 1, 2, 3], 0);
            Assert.Equal(trained.ComputeLoss(batch).Item(), fresh.ComputeLoss(batch).Item());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
