namespace Liif.Comparison;

/// <summary>Mean PSNR / SSIM of one method on one dataset.</summary>
internal sealed record DatasetScore(double Psnr, double Ssim);

/// <summary>
/// The eval table of a comparison report: for every method (rows) and dataset (columns) the mean PSNR / SSIM at one
/// scale, with how many images each dataset had and a line on how LR and scores were made.
/// </summary>
internal sealed record MethodScoreTable(double Scale, IReadOnlyList<(string Name, int Images)> Datasets,
    IReadOnlyList<(string Method, IReadOnlyDictionary<string, DatasetScore> Scores)> Rows, string Protocol);
