namespace Liif.Cli;

/// <summary>The command line asks for something impossible; the message is one line for the user.</summary>
public sealed class UsageException(string message) : Exception(message);
