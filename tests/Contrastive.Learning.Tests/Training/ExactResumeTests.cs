using Contrastive.Data.Datasets;
using Contrastive.Data.Text;
using Contrastive.Runs;
using Contrastive.Testing;
using Contrastive.Text;

namespace Contrastive.Learning.Tests.Training;

/// <summary>Every method, every triplet miner and the text encoders' dropout resume exactly: a run interrupted after its
/// first epoch and resumed ends with the losses, evaluation figures and model bytes of an uninterrupted one.</summary>
public sealed class ExactResumeTests : IDisposable
{
    private readonly TempDirectory _temp = new("contrastive-resume");

    public void Dispose() => _temp.Dispose();

    /// <summary>The variant of the triplet network trained on mined hard negatives, the table rebuilt every epoch.</summary>
    private const string HardNegatives = "hard-negatives";

    /// <summary>Every image method with its default miner, the triplet network with every miner and with mined hard
    /// negatives, and the sentence methods (dropout in both text encoders).</summary>
    public static TheoryData<string, string?> Runs()
    {
        var runs = new TheoryData<string, string?>();
        foreach (var method in MethodSpecs.Names.Where(m => m != "triplet")) runs.Add(method, null);
        foreach (var miner in MethodDefaults.Miners) runs.Add("triplet", miner);
        runs.Add("triplet", HardNegatives);
        runs.Add("simcse", "transformer");
        runs.Add("pairs", "gru");
        return runs;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_resumed_run_ends_exactly_like_an_uninterrupted_one(string method, string? variant)
    {
        var (config, create) = Setup(method, variant);
        var outcome = ResumeHarness.Run(config, _temp.Path, create);

        Assert.Equal(2, outcome.Resumed.Count);
        Assert.Equal(outcome.Straight.Select(m => m.Loss), outcome.Resumed.Select(m => m.Loss));
        Assert.Equal(outcome.Straight.Select(m => m.StepLosses), outcome.Resumed.Select(m => m.StepLosses));
        Assert.Equal(outcome.Straight.Select(m => (m.Epoch, m.KnnAccuracy, m.ZeroShotAccuracy, m.HealthMessage)),
            outcome.Resumed.Select(m => (m.Epoch, m.KnnAccuracy, m.ZeroShotAccuracy, m.HealthMessage)));
        Assert.Equal(outcome.StraightModel, outcome.ResumedModel);
    }

    private static (TrainConfig Config, Func<int, ResumeHarness.Parts> Create) Setup(string method, string? variant)
    {
        if (method is "simcse" or "pairs")
        {
            var text = TextRun.WithTextDefaults(new TrainConfig
            {
                Method = method,
                Arch = variant!,
                Data = "wordnet",
                Epochs = 2,
                Batch = 16,
                TextWidth = 16,
                TextLayers = variant == "gru" ? null : 1,
                Lr = 3e-3f,
                Seed = 1,
            }).WithResolvedDefaults();
            var split = TextCorpusSplit.Of(WordNetCorpus.Load(Path.Combine(ReferenceData.RepositoryRoot, "tests", "fixtures", "text", "wordnet")), 1);
            return (text, _ => TextParts(text, split));
        }
        var config = method == "clip" ? ClipTrainingTests.Config(epochs: 2)
            : variant == HardNegatives ? TinyData.Config(method, epochs: 2) with { HardNegatives = 1 }
            : TinyData.Config(method, epochs: 2) with { Miner = variant ?? "semi-hard" };
        var data = TinyData.Create();
        return (config, workers => ResumeHarness.Parts.Of(TrainingSetup.Create(config, data, workers)));
    }

    private static ResumeHarness.Parts TextParts(TrainConfig config, TextCorpusSplit split)
    {
        var (sentence, batches, _) = TextRun.Setup(config, split);
        return new ResumeHarness.Parts(sentence, batches, null);
    }
}
