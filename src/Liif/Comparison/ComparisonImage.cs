namespace Liif.Comparison;

/// <summary>
/// Everything a comparison figure shows for one image: the HR ground truth (cropped to a multiple of the scale), the
/// LR input made from it, each method's output and scores, the region shown enlarged and why it was chosen ("as
/// given", "where LIIF differs most from bicubic" ...).
/// </summary>
internal sealed record ComparisonImage(string Name, double Scale, ImageU8 Hr, ImageU8 Lr, LrKernel Kernel,
    IReadOnlyList<ComparisonEntry> Entries, CropRect Crop, string CropChoice);
