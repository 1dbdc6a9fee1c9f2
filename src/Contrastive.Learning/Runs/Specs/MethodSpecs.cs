namespace Contrastive.Runs;

/// <summary>The image methods <c>--method</c> takes, each described by its <see cref="MethodSpec"/>, and what follows from all of them.</summary>
public static class MethodSpecs
{
    /// <summary>Every method, in the order the CLI lists them.</summary>
    public static readonly IReadOnlyList<MethodSpec> All =
        [new SimClrSpec(), new MoCoSpec(), new ByolSpec(), new SimSiamSpec(), new BarlowTwinsSpec(), new SupConSpec(), new SiameseSpec(), new TripletSpec(),
         new ClassifierSpec(), new ClipSpec()];

    /// <summary>The method names.</summary>
    public static readonly IReadOnlyList<string> Names = [.. All.Select(s => s.Name)];

    /// <summary>The options (config.json names) that configure only some methods, with those methods; the others ignore them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> MethodSpecificOptions = All
        .SelectMany(spec => spec.Options.Select(option => (Option: option, spec.Name)))
        .GroupBy(x => x.Option)
        .ToDictionary(g => g.Key, g => g.Select(x => x.Name).ToArray());

    /// <summary>The default learning rates, first match wins: each method's own rules, then 1e-3 with AdamW and SimCLR's
    /// linear scaling 0.06 * B / 256 for SGD and LARS.</summary>
    public static readonly IReadOnlyList<LearningRateRule> LearningRateRules =
    [
        .. All.SelectMany(spec => spec.LearningRateRules),
        new(null, "adamw", "1e-3", (_, _) => 1e-3f),
        new(null, null, "0.06*batch/256", (batch, _) => 0.06f * batch / 256f),
    ];

    /// <summary>The default learning rates in words, each method's own first: "4.0*batch/256 for byol with lars, ...".</summary>
    public static string DescribeLearningRates() => string.Join(", ", LearningRateRules.Select(r => r.Describe()));

    /// <summary>The base learning rate of <paramref name="method"/> with <paramref name="optimizer"/> at <paramref name="batch"/>
    /// images and projection size <paramref name="projectionDim"/>: the first rule of <see cref="LearningRateRules"/> that applies.</summary>
    public static float LearningRate(string method, string optimizer, int batch, int projectionDim) =>
        LearningRateRules.First(r => r.Applies(method, optimizer)).Rate(batch, projectionDim);

    /// <summary>The spec of <paramref name="method"/>.</summary>
    /// <exception cref="ArgumentException">No such method.</exception>
    public static MethodSpec Get(string method) =>
        Find(method) ?? throw new ArgumentException($"unknown method '{method}' (expected {string.Join(", ", Names)})");

    /// <summary>The spec of <paramref name="method"/>, or null for a name no image method has (the text methods').</summary>
    public static MethodSpec? Find(string method) => All.FirstOrDefault(s => s.Name == method);

    /// <summary>True when <paramref name="option"/> (a config.json name) has an effect on <paramref name="method"/>.</summary>
    public static bool OptionApplies(string option, string method) =>
        !MethodSpecificOptions.TryGetValue(option, out var methods) || methods.Contains(method);
}
