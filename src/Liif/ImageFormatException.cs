namespace Liif;

/// <summary>
/// An image file could not be read or written: missing, empty, corrupt, not an image, unsupported or too large.
/// The message is one line meant to be shown to a user as is.
/// </summary>
public sealed class ImageFormatException(string message, Exception? inner = null) : LiifException(message, inner);
