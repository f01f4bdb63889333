namespace Gazette.Kernel;

/// <summary>
/// A problem that stops Gazette from starting, told to the operator as one line
/// (no stack trace) with a non-zero exit code.
/// </summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
