using System.Diagnostics;
using Liif.Evaluation;
using Liif.Imaging;

namespace Liif.Comparison;

/// <summary>
/// Runs every method on one image under the benchmark protocol: HR cropped at the top left to a multiple of the scale,
/// LR made from it as <c>liif eval</c> makes it (<see cref="LrPair"/>: MATLAB bicubic for whole scales up to 4),
/// each method upscaling LR back to the HR size, PSNR and SSIM on Y with the scale shaved.
/// </summary>
public static class Comparer
{
    public static ComparisonImage Run(string name, ImageU8 image, double scale, IReadOnlyList<ComparisonMethod> methods,
        CropRect? crop = null, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (methods.Count == 0)
        {
            throw new ArgumentException("no methods to compare");
        }

        LrPair pair = LrPair.Make(image.ToRgb(), scale, LrKernel.Auto);
        ImageU8 hr = pair.Hr;
        if (crop is CropRect c && !c.FitsIn(hr.Width, hr.Height))
        {
            throw new LiifException($"crop {c} does not fit in {name} ({hr.Width}x{hr.Height} after cropping to a multiple of x{scale})");
        }

        var entries = new List<ComparisonEntry>();
        for (int i = 0; i < methods.Count; i++)
        {
            ComparisonMethod m = methods[i];
            var clock = Stopwatch.StartNew();
            int index = i;
            var inner = progress is null ? null : new Progress<double>(f => progress.Report((index + f) / methods.Count));
            ImageU8 sr = m.Upscaler.Upscale(pair.Lr, hr.Width, hr.Height, inner);
            double seconds = clock.Elapsed.TotalSeconds;
            entries.Add(new ComparisonEntry(m.Label, sr,
                PsnrMetric.Compute(sr, hr, scale, EvalProtocol.Benchmark),
                SsimMetric.Compute(sr, hr, scale, EvalProtocol.Benchmark), seconds));
        }

        bool automatic = crop is null;
        CropRect chosen = crop ?? CropChooser.MostDifferent(hr, entries.Select(e => e.Output).ToArray(),
            CropChooser.DefaultSide(hr.Width, hr.Height), CropChooser.DefaultBorder(hr.Width, hr.Height, scale));
        return new ComparisonImage(name, scale, hr, pair.Lr, pair.Kernel, entries, chosen, automatic);
    }
}
