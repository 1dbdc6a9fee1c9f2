using Contrastive.Data.Formats;

namespace Contrastive.Cli.Tests;

/// <summary>Pre-trained backbones on the command line: embed and eval with no training, training from one with a
/// frozen encoder, and the errors of options that do not fit.</summary>
public sealed class TransferCliTests() : CliTestBase("transfer")
{
    [Fact]
    public async Task Embed_and_eval_use_a_backbone_with_no_training_and_train_starts_from_it()
    {
        var images = WriteHalfBrightFolder("images", 8, seed: 7);
        var npy = Path.Combine(Dir, "features.npy");

        var embed = await Run("embed", "--backbone", "resnet18-imagenet", "--input-size", "32", "--data", images, "--split", "all", "--out", npy);
        Assert.True(embed.Code == 0, embed.Err);
        Assert.Equal([16, 128 * 4 * 4], NpyFile.Read(npy).Shape); // by default cut after stage 2 (128 channels), read over a 4 x 4 grid

        var run = Path.Combine(Dir, "run");
        var train = await Run("train", "--backbone", "resnet18-imagenet", "--input-size", "32", "--freeze-encoder", "--data", images,
            "--epochs", "1", "--batch", "8", "--threads", "1", "--out", run);
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("arch resnet18-imagenet", train.Out);
        var fromRun = Path.Combine(Dir, "from-run.npy");
        Assert.Equal(0, (await Run("embed", "--model", run, "--data", images, "--split", "all", "--out", fromRun)).Code);
        Assert.Equal(NpyFile.Read(npy).ToFloat32(), NpyFile.Read(fromRun).ToFloat32()); // the frozen encoder is the backbone, bit for bit
    }

    [Fact]
    public async Task A_backbone_cut_after_a_stage_and_read_out_over_a_grid_embeds_and_trains_in_that_shape()
    {
        var images = WriteHalfBrightFolder("images", 8, seed: 9);
        var npy = Path.Combine(Dir, "cut.npy");

        var embed = await Run("embed", "--backbone", "resnet18-imagenet", "--input-size", "32", "--backbone-stages", "3", "--pool-grid", "2",
            "--data", images, "--split", "all", "--out", npy);
        Assert.True(embed.Code == 0, embed.Err);
        Assert.Equal([16, 256 * 2 * 2], NpyFile.Read(npy).Shape); // stage 3 has 256 channels, read over a 2 x 2 grid

        var run = Path.Combine(Dir, "cut-run");
        var train = await Run("train", "--backbone", "resnet18-imagenet", "--input-size", "32", "--backbone-stages", "2", "--pool-grid", "2",
            "--train-blocks", "1", "--data", images, "--epochs", "1", "--batch", "8", "--threads", "1", "--out", run);
        Assert.True(train.Code == 0, train.Err);
        var config = File.ReadAllText(Path.Combine(run, "config.json"));
        Assert.Contains("\"backbone-stages\": 2", config);
        Assert.Contains("\"pool-grid\": 2", config);
        var fromRun = Path.Combine(Dir, "cut-run.npy");
        Assert.Equal(0, (await Run("embed", "--model", run, "--data", images, "--split", "all", "--out", fromRun)).Code);
        Assert.Equal([16, 128 * 2 * 2], NpyFile.Read(fromRun).Shape);
    }

    [Fact]
    public async Task A_run_written_before_the_backbone_could_be_cut_still_loads_as_the_whole_network()
    {
        var images = WriteHalfBrightFolder("images", 8, seed: 10);
        var run = Path.Combine(Dir, "whole-run");
        var train = await Run("train", "--backbone", "resnet18-imagenet", "--input-size", "32", "--backbone-stages", "4", "--pool-grid", "1",
            "--freeze-encoder", "--data", images, "--epochs", "1", "--batch", "8", "--threads", "1", "--out", run);
        Assert.True(train.Code == 0, train.Err);
        var configPath = Path.Combine(run, "config.json");
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
        config.Remove("backbone-stages");
        config.Remove("pool-grid");
        File.WriteAllText(configPath, config.ToJsonString());

        var npy = Path.Combine(Dir, "whole.npy");
        var embed = await Run("embed", "--model", run, "--data", images, "--split", "all", "--out", npy);
        Assert.True(embed.Code == 0, embed.Err);
        Assert.Equal([16, 512], NpyFile.Read(npy).Shape);
    }

    [Fact]
    public async Task A_preset_is_the_config_a_run_starts_from_and_explicit_options_override_it()
    {
        var images = WriteHalfBrightFolder("images", 8, seed: 12);
        var run = Path.Combine(Dir, "preset-run");
        var train = await Run("train", "--preset", "imagenet-clusters", "--input-size", "32", "--pseudo-labels", "3", "--data", images,
            "--epochs", "2", "--batch", "8", "--threads", "1", "--out", run);
        Assert.True(train.Code == 0, train.Err);
        var preset = Contrastive.Runs.TrainPresets.Get("imagenet-clusters");
        var written = Contrastive.Runs.TrainConfig.Load(Path.Combine(run, "config.json"));
        Assert.Equal((preset.Method, preset.Arch, preset.Backbone, preset.FreezeEncoder, preset.Adapter, preset.Temperature),
            (written.Method, written.Arch, written.Backbone, written.FreezeEncoder, written.Adapter, written.Temperature));
        Assert.Equal((32, 3, 2, 8), (written.InputSize, written.PseudoLabels, written.Epochs, written.Batch));
        Assert.Contains("labels: 3 k-means clusters of the starting encoder's representations, 2 epochs", train.Out);

        AssertOneLineError(await Run("train", "--preset", "fastest", "--data", images), "unknown preset 'fastest' (expected imagenet-clusters)");
        AssertOneLineError(await Run("train", "--preset", "imagenet-clusters", "--config", Path.Combine(run, "config.json"), "--data", images), "give one of them");
    }

    [Fact]
    public async Task An_adapter_on_a_frozen_backbone_gives_the_representation_that_embed_and_eval_read()
    {
        var images = WriteHalfBrightFolder("images", 8, seed: 5);
        var run = Path.Combine(Dir, "adapted");
        var train = await Run("train", "--backbone", "resnet18-imagenet", "--input-size", "32", "--freeze-encoder", "--adapter", "16", "--method", "supcon",
            "--pseudo-labels", "4", "--data", images, "--epochs", "1", "--batch", "8", "--threads", "1", "--out", run);
        Assert.True(train.Code == 0, train.Err);
        Assert.Contains("\"adapter\": 16", File.ReadAllText(Path.Combine(run, "config.json")));

        var npy = Path.Combine(Dir, "adapted.npy");
        Assert.Equal(0, (await Run("embed", "--model", run, "--data", images, "--split", "all", "--out", npy)).Code);
        Assert.Equal([16, 16], NpyFile.Read(npy).Shape);
        var eval = await Run("eval", "--model", run, "--data", images, "--out", Path.Combine(Dir, "adapted-eval"));
        Assert.True(eval.Code == 0, eval.Err);

        AssertOneLineError(await Run("train", "--adapter", "16", "--head-reads-grid", "--data", images), "drop --head-reads-grid");
        AssertOneLineError(await Run("train", "--adapter", "0", "--data", images), "adapter width must be between 1 and 4096, got 0");
        AssertOneLineError(await Run("train", "--adapter", "16", "--arch", "resnet18", "--data", images), "--adapter applies to --arch bench");
    }

    [Fact]
    public async Task Options_that_do_not_fit_are_one_line_errors()
    {
        var images = WriteHalfBrightFolder("images", 2, seed: 8);
        var npy = Path.Combine(Dir, "x.npy");
        AssertOneLineError(await Run("embed", "--data", images, "--out", npy), "give either --model RUN_DIR or --backbone NAME");
        AssertOneLineError(await Run("embed", "--model", Dir, "--backbone", "resnet18-imagenet", "--data", images, "--out", npy), "give either");
        AssertOneLineError(await Run("eval", "--backbone", "resnet18-imagenet", "--data", images), "give --out DIR");
        AssertOneLineError(await Run("train", "--backbone", "minilm", "--data", images), "unknown method 'simclr'", "for text");
        AssertOneLineError(await Run("train", "--backbone", "resnet18-imagenet", "--arch", "bench", "--data", images), "drop --arch bench");
        AssertOneLineError(await Run("train", "--freeze-encoder", "--train-blocks", "2", "--data", images), "give one");
        AssertOneLineError(await Run("embed", "--model", Dir, "--backbone-stages", "3", "--data", images, "--out", npy), "--backbone-stages applies to --backbone");
        AssertOneLineError(await Run("embed", "--backbone", "resnet18-imagenet", "--backbone-stages", "5", "--data", images, "--out", npy), "backbone stages must be between 1 and 4, got 5");
        AssertOneLineError(await Run("train", "--backbone-stages", "3", "--data", images), "--input-size and --backbone-stages apply to --backbone resnet18-imagenet");
    }

    [Fact]
    public async Task Pseudo_labels_let_supcon_train_on_unlabelled_images_from_a_previous_runs_clusters_renewed_every_epoch()
    {
        var (images, run) = await TrainTinyRun(perClass: 12, seed: 21);
        // the same images with no class folders: unlabelled
        var flat = Path.Combine(Dir, "flat");
        Directory.CreateDirectory(flat);
        foreach (var file in Directory.GetFiles(images, "*.png", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(flat, $"{Path.GetFileName(Path.GetDirectoryName(file))}-{Path.GetFileName(file)}"));

        var pseudo = Path.Combine(Dir, "pseudo");
        var train = await Run("train", "--init", run, "--method", "supcon", "--pseudo-labels", "3", "--recluster-every", "1", "--data", flat,
            "--epochs", "2", "--batch", "8", "--threads", "1", "--out", pseudo);
        Assert.True(train.Code == 0, train.Err);
        var config = File.ReadAllText(Path.Combine(pseudo, "config.json"));
        Assert.Contains("\"pseudo-labels\": 3", config);
        Assert.Contains("\"recluster-every\": 1", config);
        Assert.Contains("labels: 3 k-means clusters of the encoder's representations, renewed every 1 epochs", train.Out);
        Assert.True(File.Exists(Path.Combine(pseudo, "model.safetensors")));

        AssertOneLineError(await Run("train", "--method", "supcon", "--pseudo-labels", "3", "--data", flat, "--batch", "8", "--out", Path.Combine(Dir, "bad")),
            "--pseudo-labels clusters the representations of a starting encoder: give --backbone NAME or --init RUN_DIR");
        AssertOneLineError(await Run("train", "--init", run, "--pseudo-labels", "3", "--data", flat, "--batch", "8", "--out", Path.Combine(Dir, "bad")),
            "--pseudo-labels gives labels to a method that trains on them (supcon, triplet, siamese, classifier), not simclr");
        AssertOneLineError(await Run("train", "--init", run, "--method", "supcon", "--pseudo-labels", "1", "--data", flat, "--out", Path.Combine(Dir, "bad")),
            "pseudo labels must be between 2 and 10000 clusters, got 1");
        AssertOneLineError(await Run("train", "--method", "supcon", "--data", flat, "--batch", "8", "--out", Path.Combine(Dir, "bad")), "--method supcon is supervised but");
        AssertOneLineError(await Run("train", "--init", run, "--method", "supcon", "--recluster-every", "1", "--data", flat, "--out", Path.Combine(Dir, "bad")),
            "--recluster-every renews the clusters of --pseudo-labels K; give both");
    }
}
