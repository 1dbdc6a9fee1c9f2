using Contrastive.Audio;
using Contrastive.Data.Audio;
using Contrastive.Data.Datasets;
using Contrastive.Training;

namespace Contrastive.Runs;

/// <summary>Loads the data a run is evaluated on, whatever its kind (table, audio, images or image-text pairs).</summary>
public static class RunEvaluationData
{
    /// <summary>The train/test split of <paramref name="spec"/> as the run in <paramref name="runDirectory"/> sees it: a
    /// CSV table standardised with the run's statistics, a folder of WAV files with the run's audio features, otherwise
    /// images (the image side of a JSONL of image-text pairs).</summary>
    public static EvaluationData Load(string spec, string runDirectory, bool requireLabels)
    {
        if (DatasetResolver.IsTable(spec)) return EvaluationData.Of(TabularRun.LoadSplit(spec, runDirectory, requireLabels));
        if (!AudioRun.IsAudio(spec)) return EvaluationData.Of(ClipRun.LoadImages(spec));
        var features = AudioFeatures.Load(runDirectory);
        return AudioRun.Evaluation(AudioRun.Load(spec, features).Split, features);
    }
}
