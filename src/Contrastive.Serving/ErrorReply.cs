namespace Contrastive.Serving;

/// <summary>The reply to a request the service rejects (status 400).</summary>
/// <param name="Error">What was wrong with it.</param>
public sealed record ErrorReply(string Error);
