using System.Text.Json;
using Contrastive.Tensors;

namespace Contrastive.Testing;

/// <summary>One case of a reference file: named tensors and free-form parameters.</summary>
public sealed record ReferenceCase(string Name, JsonElement Params, IReadOnlyDictionary<string, Tensor> Tensors)
{
    /// <summary>The tensor called <paramref name="name"/>, as a fresh leaf (optionally requiring grad).</summary>
    public Tensor Get(string name, bool requiresGrad = false)
    {
        if (!Tensors.TryGetValue(name, out var t))
            throw new KeyNotFoundException($"reference case '{Name}' has no tensor '{name}' (has: {string.Join(", ", Tensors.Keys)})");
        return new Tensor(t.ToArray(), t.Shape, requiresGrad);
    }

    /// <summary>True when the case holds a tensor called <paramref name="name"/>.</summary>
    public bool Has(string name) => Tensors.ContainsKey(name);

    /// <summary>A numeric parameter, or <paramref name="fallback"/> when absent.</summary>
    public double Param(string name, double fallback = double.NaN) =>
        Params.ValueKind == JsonValueKind.Object && Params.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;

    /// <summary>An integer-array parameter.</summary>
    public int[] IntArrayParam(string name) =>
        Params.GetProperty(name).EnumerateArray().Select(e => e.ValueKind == JsonValueKind.True ? 1 : e.ValueKind == JsonValueKind.False ? 0 : (int)e.GetDouble()).ToArray();

    /// <summary>A boolean parameter.</summary>
    public bool BoolParam(string name, bool fallback = false) =>
        Params.ValueKind == JsonValueKind.Object && Params.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.True : fallback;

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>
/// Loads the PyTorch reference vectors (outputs and gradients) committed under <c>tests/reference</c>, next to
/// the scripts that generated them. The repository root is found by walking up from the test binary.
/// </summary>
public static class ReferenceData
{
    private static readonly Dictionary<string, IReadOnlyList<ReferenceCase>> s_cache = [];

    /// <summary>The repository root (the folder holding Contrastive.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Contrastive.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException($"no Contrastive.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>The path of a file under <c>tests/reference</c>, such as <c>conv2d.json</c>.</summary>
    public static string PathOf(string fileName) => Path.Combine(RepositoryRoot, "tests", "reference", fileName);

    /// <summary>All cases of a reference file such as <c>conv2d.json</c>.</summary>
    public static IReadOnlyList<ReferenceCase> Cases(string fileName) => Load(PathOf(fileName));

    /// <summary>One case by name.</summary>
    public static ReferenceCase Case(string fileName, string caseName) =>
        Cases(fileName).FirstOrDefault(c => c.Name == caseName)
        ?? throw new KeyNotFoundException($"{fileName} has no case '{caseName}'");

    /// <summary>xunit member data: the case names of a file.</summary>
    public static TheoryDataNames Names(string fileName) => new(Cases(fileName).Select(c => c.Name));

    /// <summary>Loads every case of a reference file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<ReferenceCase> Load(string path)
    {
        lock (s_cache)
        {
            if (s_cache.TryGetValue(path, out var cached)) return cached;
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            var cases = new List<ReferenceCase>();
            if (root.TryGetProperty("cases", out var list))
                foreach (var c in list.EnumerateArray())
                    cases.Add(new ReferenceCase(c.GetProperty("name").GetString()!,
                        c.TryGetProperty("params", out var p) ? p.Clone() : default, ReadTensors(c.GetProperty("tensors"))));
            else
                cases.Add(new ReferenceCase(Path.GetFileNameWithoutExtension(path), default, ReadTensors(root.GetProperty("tensors"))));
            s_cache[path] = cases;
            return cases;
        }
    }

    private static Dictionary<string, Tensor> ReadTensors(JsonElement tensors)
    {
        var result = new Dictionary<string, Tensor>();
        foreach (var t in tensors.EnumerateObject())
        {
            var shape = t.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var data = t.Value.GetProperty("data").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
            result[t.Name] = new Tensor(data, shape);
        }
        return result;
    }
}

/// <summary>A list of case names usable as xunit MemberData.</summary>
public sealed class TheoryDataNames : TheoryDataBase
{
    /// <summary>Creates the data from names.</summary>
    public TheoryDataNames(IEnumerable<string> names)
    {
        foreach (var n in names) AddRow(n);
    }
}

/// <summary>Minimal xunit-free theory data base so this helper needs only xunit.assert.</summary>
public abstract class TheoryDataBase : IEnumerable<object[]>
{
    private readonly List<object[]> _rows = [];

    /// <summary>Adds one row.</summary>
    protected void AddRow(params object[] values) => _rows.Add(values);

    /// <inheritdoc />
    public IEnumerator<object[]> GetEnumerator() => _rows.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
