namespace Liif.Evaluation;

/// <summary>One dataset at one scale: the per-image scores and their means.</summary>
/// <param name="Dataset">Dataset name, e.g. "Set5".</param>
/// <param name="Scale">The scale factor.</param>
/// <param name="Kernel">The resampler that made the LR inputs (MATLAB or PIL, never auto).</param>
/// <param name="Protocol">How SR was compared with HR.</param>
/// <param name="Shave">Pixels shaved from each border before scoring.</param>
/// <param name="Images">Per-image scores, in file-name order.</param>
/// <param name="MeanPsnr">Mean PSNR over <paramref name="Images"/>, dB.</param>
/// <param name="MeanSsim">Mean SSIM over <paramref name="Images"/>.</param>
/// <param name="Seconds">Time spent making LR inputs, upscaling and scoring (not reading files).</param>
internal sealed record EvalResult(
    string Dataset,
    double Scale,
    LrKernel Kernel,
    EvalProtocol Protocol,
    int Shave,
    IReadOnlyList<EvalImageScore> Images,
    double MeanPsnr,
    double MeanSsim,
    double Seconds);
