namespace Liif.Cli;

/// <summary>The command line asks for something impossible (exit code 2); the message is one line for the user.</summary>
internal sealed class UsageException(string message) : LiifException(message);
