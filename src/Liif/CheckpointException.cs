namespace Liif;

/// <summary>A model or training checkpoint that cannot be used; the message is one line meant for the user.</summary>
public sealed class CheckpointException(string message, Exception? inner = null) : LiifException(message, inner);
