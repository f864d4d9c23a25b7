namespace Liif.Evaluation;

/// <summary>One HR image of a dataset.</summary>
/// <param name="Name">File name, e.g. "baby.png".</param>
/// <param name="Rgb">The image as 3-channel RGB.</param>
internal sealed record HrImage(string Name, ImageU8 Rgb);
