using Liif.Evaluation;
using Liif.Imaging;

namespace Liif.Comparison;

/// <summary>
/// Everything a comparison figure shows for one image: the HR ground truth (cropped to a multiple of the scale), the
/// LR input made from it, each method's output and scores, and the region shown enlarged.
/// </summary>
public sealed record ComparisonImage(string Name, double Scale, ImageU8 Hr, ImageU8 Lr, LrKernel Kernel,
    IReadOnlyList<ComparisonEntry> Entries, CropRect Crop, bool CropChosenAutomatically);
