namespace Liif.Comparison;

/// <summary>
/// Runs every method on one image under the benchmark protocol: HR cropped at the top left to a multiple of the scale,
/// LR made from it as <c>liif eval</c> makes it (<see cref="LrPair"/>: MATLAB bicubic for whole scales up to 4),
/// each method upscaling LR back to the HR size, PSNR and SSIM on Y with the scale shaved.
/// </summary>
internal static class Comparer
{
    public static ComparisonImage Run(string name, ImageU8 image, double scale, IReadOnlyList<ComparisonMethod> methods,
        CropRect? crop = null, IProgress<double>? progress = null)
    {
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
            ImageU8 sr = m.Upscaler.Upscale(pair.Lr, hr.Width, hr.Height, InlineProgress.Part(progress, i, methods.Count));
            double seconds = clock.Elapsed.TotalSeconds;
            entries.Add(new ComparisonEntry(m.Label, sr,
                PsnrMetric.Compute(sr, hr, scale, EvalProtocol.Benchmark),
                SsimMetric.Compute(sr, hr, scale, EvalProtocol.Benchmark), seconds));
        }

        (CropRect chosen, string why) = crop is CropRect given ? (given, "as given") : ChooseCrop(hr, scale, methods, entries);
        return new ComparisonImage(name, scale, hr, pair.Lr, pair.Kernel, entries, chosen, why);
    }

    /// <summary>
    /// Where LIIF differs most from bicubic (what LIIF adds), when both are compared; else where the methods' errors
    /// vary most. Not where one method's artefacts are largest, which would show that method rather than LIIF.
    /// </summary>
    private static (CropRect, string) ChooseCrop(ImageU8 hr, double scale, IReadOnlyList<ComparisonMethod> methods, IReadOnlyList<ComparisonEntry> entries)
    {
        int side = CropChooser.DefaultSide(hr.Width, hr.Height), border = CropChooser.DefaultBorder(hr.Width, hr.Height, scale);
        int liif = methods.ToList().FindIndex(m => m.Upscaler is TiledLiifUpscaler), bicubic = methods.ToList().FindIndex(m => m.Upscaler is BicubicUpscaler);
        return liif >= 0 && bicubic >= 0
            ? (CropChooser.WhereDiffer(entries[liif].Output, entries[bicubic].Output, side, border), $"where {entries[liif].Label} differs most from {entries[bicubic].Label}")
            : (CropChooser.MostDifferent(hr, entries.Select(e => e.Output).ToArray(), side, border), "where the methods differ most");
    }
}
