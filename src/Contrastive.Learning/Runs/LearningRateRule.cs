namespace Contrastive.Runs;

/// <summary>
/// One default learning rate of <see cref="MethodSpecs.LearningRate"/>: the rate <paramref name="Rate"/> gives from
/// the batch size and projection size D, for <paramref name="Method"/> with <paramref name="Optimizer"/> (null matches
/// any), written out as <paramref name="Formula"/>.
/// </summary>
/// <param name="Method">The method it applies to, or null for any.</param>
/// <param name="Optimizer">The optimiser it applies to, or null for any.</param>
/// <param name="Formula">The rule in words, e.g. <c>1.5*batch/256/D</c>.</param>
/// <param name="Rate">The learning rate from (batch, projection size).</param>
public sealed record LearningRateRule(string? Method, string? Optimizer, string Formula, Func<int, int, float> Rate)
{
    /// <summary>True when the rule covers <paramref name="method"/> trained with <paramref name="optimizer"/>.</summary>
    public bool Applies(string method, string optimizer) =>
        (Method is null || Method == method) && (Optimizer is null || Optimizer == optimizer);

    /// <summary>The rule in words: "1.5*batch/256/D for barlow with sgd", "1e-3 with adamw", "0.06*batch/256 otherwise".</summary>
    public string Describe() => (Method, Optimizer) switch
    {
        (null, null) => $"{Formula} otherwise",
        (null, { } optimizer) => $"{Formula} with {optimizer}",
        ({ } method, null) => $"{Formula} for {method}",
        ({ } method, { } optimizer) => $"{Formula} for {method} with {optimizer}",
    };
}
