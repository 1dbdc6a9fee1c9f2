using Contrastive.Runs;

namespace Contrastive.Learning.Tests.Training;

/// <summary>The method names the "every method trains" tests run over.</summary>
public static class TrainableMethods
{
    /// <summary>Every method but CLIP, which trains on image-text pairs and has tests of its own.</summary>
    public static TheoryData<string> ExceptClip => [.. MethodSpecs.Names.Where(m => m != "clip")];
}
