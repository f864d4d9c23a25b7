namespace Liif.Evaluation;

/// <summary>A dataset file that could not be read and was left out.</summary>
/// <param name="Name">File name.</param>
/// <param name="Reason">The one-line reading error.</param>
internal sealed record SkippedImage(string Name, string Reason);
