namespace Contrastive.Evaluation.Health;

/// <summary>One collapse check, as recorded in metrics.jsonl.</summary>
/// <param name="Epoch">The epoch checked.</param>
/// <param name="Status">The verdict.</param>
/// <param name="Message">Why, in one sentence.</param>
/// <param name="Health">The figures the verdict rests on.</param>
public sealed record CollapseCheck(int Epoch, CollapseStatus Status, string Message, HealthReport Health);
