namespace Liif.Evaluation;

/// <summary>What was read from one dataset.</summary>
/// <param name="Name">Dataset name, e.g. "Set5".</param>
/// <param name="Folder">The folder the images were read from.</param>
/// <param name="Files">Image files in the folder.</param>
/// <param name="Evaluated">Images evaluated (fewer than <paramref name="Files"/> with a limit or skipped files).</param>
/// <param name="Skipped">Files that could not be read and were left out.</param>
internal sealed record EvalDatasetInfo(string Name, string Folder, int Files, int Evaluated, IReadOnlyList<SkippedImage> Skipped);
