namespace Contrastive.Import;

/// <summary>A file inside a NuGet package.</summary>
/// <param name="Package">The package id.</param>
/// <param name="Version">The package version.</param>
/// <param name="PathInPackage">The file's path inside the package.</param>
/// <param name="PathInOutput">Where the package copies it in a program's output folder, if it does.</param>
public sealed record PackageFile(string Package, string Version, string PathInPackage, string PathInOutput)
{
    /// <summary>The file's path on this machine.</summary>
    /// <exception cref="FileNotFoundException">The package is not restored here; the message says where it was looked for and how to restore it.</exception>
    public string Locate()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, PathInOutput);
        if (File.Exists(beside)) return beside;
        var restored = Path.Combine(PackageFiles.GlobalPackagesFolder, Package.ToLowerInvariant(), Version, PathInPackage);
        if (File.Exists(restored)) return restored;
        throw new FileNotFoundException($"{Path.GetFileName(PathInPackage)} of NuGet package {Package} {Version} not found (looked in {beside} and {restored}); " +
            "build the solution once so NuGet restores it (dotnet build Contrastive.sln)", restored);
    }
}
