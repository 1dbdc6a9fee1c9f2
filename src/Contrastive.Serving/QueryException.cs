namespace Contrastive.Serving;

/// <summary>A request the service cannot answer because of what it holds (bad JSON, a corrupt image, a wrong row
/// length, too many items); the message names the offending part and is returned to the client with status 400.</summary>
public sealed class QueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QueryException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public QueryException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with a default message.</summary>
    public QueryException() : base("bad request") { }
}
