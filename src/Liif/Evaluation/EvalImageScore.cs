namespace Liif.Evaluation;

/// <summary>The scores of one image at one scale.</summary>
/// <param name="Image">File name.</param>
/// <param name="HrWidth">Width of the HR crop compared (and of the SR output).</param>
/// <param name="HrHeight">Height of the HR crop.</param>
/// <param name="LrWidth">Width of the LR input.</param>
/// <param name="LrHeight">Height of the LR input.</param>
/// <param name="Psnr">PSNR in dB (<see cref="PsnrMetric"/>); +∞ when SR equals HR on the compared region.</param>
/// <param name="Ssim">SSIM (<see cref="SsimMetric"/>).</param>
internal sealed record EvalImageScore(string Image, int HrWidth, int HrHeight, int LrWidth, int LrHeight, double Psnr, double Ssim);
