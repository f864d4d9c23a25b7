namespace Liif.Training;

/// <summary>Training or validation data that cannot be used (missing folder, no images, unreadable file); the message is one line for the user.</summary>
internal sealed class TrainingDataException(string message, Exception? inner = null) : LiifException(message, inner);
