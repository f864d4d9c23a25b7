namespace Liif.Comparison;

/// <summary>One method's result on one image: the upscaled image and its PSNR / SSIM against the HR image.</summary>
internal sealed record ComparisonEntry(string Label, ImageU8 Output, double Psnr, double Ssim, double Seconds);
