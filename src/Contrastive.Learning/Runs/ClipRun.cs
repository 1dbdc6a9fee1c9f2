using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Data.Text;
using Contrastive.IO;
using Contrastive.Multimodal;

namespace Contrastive.Runs;

/// <summary>
/// Image-text data and CLIP run directories: <c>--data FILE.jsonl</c> names image-text pairs (<see cref="ImageTextJsonl"/>),
/// and a CLIP run keeps its captions' vocabulary as <see cref="RunFiles.Tokenizer"/> next to the model, so texts and
/// zero-shot prompts are encoded later exactly as in training.
/// </summary>
public static class ClipRun
{
    /// <summary>True when <paramref name="spec"/> names JSON Lines image-text pairs (a path ending in <c>.jsonl</c>).</summary>
    public static bool IsImageText(string spec) => spec?.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The images of <paramref name="spec"/>: those of JSONL pairs, split as in training, or any image source of <see cref="DatasetResolver"/>.</summary>
    /// <exception cref="DatasetException">The data is missing or malformed.</exception>
    public static ImageDatasetSplit LoadImages(string spec) =>
        IsImageText(spec) ? ImageTextSplit.FromJsonl(spec, MethodDefaults.MaxTextLength).Images : DatasetResolver.LoadImages(spec);

    /// <summary>The tokenizer a CLIP run was trained with.</summary>
    /// <exception cref="FileNotFoundException">The run has no tokenizer file.</exception>
    /// <exception cref="InvalidDataException">The file is not a vocabulary.</exception>
    public static WordTokenizer Tokenizer(string runDirectory)
    {
        var path = new RunDirectory(runDirectory).Tokenizer;
        if (!File.Exists(path)) throw new FileNotFoundException($"--model {runDirectory}: no {RunFiles.Tokenizer}, which a clip run needs for its text tower");
        return WordTokenizer.Load(path);
    }
}
