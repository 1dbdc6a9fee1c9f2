namespace Contrastive.Data;

/// <summary>
/// A dataset file or folder is missing, malformed or unsupported. The message always starts with the
/// file (or dataset) it concerns and says what was wrong, e.g.
/// <c>/data/x.png: CRC mismatch in chunk IDAT (stored 0x1234ABCD, computed 0x0BADF00D)</c>.
/// </summary>
public sealed class DatasetException : Exception
{
    /// <summary>Creates an exception without a message.</summary>
    public DatasetException() { }

    /// <summary>Creates an exception with a complete message.</summary>
    public DatasetException(string message) : base(message) { }

    /// <summary>Creates an exception with a complete message and its cause.</summary>
    public DatasetException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception for <paramref name="path"/>; the message is "path: problem".</summary>
    public DatasetException(string path, string problem, Exception? innerException = null)
        : base($"{path}: {problem}", innerException)
    {
        FilePath = path;
    }

    /// <summary>The file, folder or dataset name the problem concerns, when known.</summary>
    public string? FilePath { get; }
}
