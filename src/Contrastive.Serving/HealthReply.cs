namespace Contrastive.Serving;

/// <summary>The reply of <c>GET /healthz</c>: what is being served.</summary>
/// <param name="Status">"ok".</param>
/// <param name="Model">The run's method and architecture.</param>
/// <param name="Input">What <c>/embed</c> and <c>/similar</c> take.</param>
/// <param name="Gallery">Where the searched items came from.</param>
/// <param name="Indexed">How many items are searched.</param>
/// <param name="Dim">The embedding dimension.</param>
public sealed record HealthReply(string Status, string Model, string Input, string Gallery, int Indexed, int Dim);
