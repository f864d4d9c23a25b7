namespace Liif.Imaging;

/// <summary>
/// An image file could not be read or written: missing, empty, corrupt, unsupported or too large.
/// The message is one line meant to be shown to a user as is.
/// </summary>
public sealed class ImageFormatException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public ImageFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and the error behind it.</summary>
    public ImageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
