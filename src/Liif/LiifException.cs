namespace Liif;

/// <summary>
/// An expected failure: bad input (an image, a model file, a config, training data), or a request that cannot be
/// met (a scale, size or device that does not fit). Its message is one line meant for the user as is. Every other
/// exception that escapes is a bug. <see cref="ErrorMessage.For"/> turns both kinds into what a user sees.
/// </summary>
public class LiifException(string message, Exception? inner = null) : Exception(message, inner);
