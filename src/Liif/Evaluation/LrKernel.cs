namespace Liif.Evaluation;

/// <summary>Which bicubic resampler makes the LR input from the HR image.</summary>
internal enum LrKernel
{
    /// <summary>
    /// MATLAB for integer scales up to 4 (as the published x2–x4 tables), PIL beyond and for non-integer scales
    /// (as the official LIIF test code for out-of-distribution scales).
    /// </summary>
    Auto,

    /// <summary>MATLAB <c>imresize</c> bicubic with antialiasing (<see cref="Imaging.MatlabBicubicResize"/>).</summary>
    Matlab,

    /// <summary>Pillow <c>Image.resize(..., BICUBIC)</c> (<see cref="Imaging.PilBicubicResize"/>).</summary>
    Pil,
}

/// <summary>The rule that turns <see cref="LrKernel.Auto"/> into a concrete kernel, and the kernels' names.</summary>
internal static class LrKernels
{
    /// <summary>The largest scale for which <see cref="LrKernel.Auto"/> picks MATLAB (when the scale is whole).</summary>
    public const int MaxMatlabScale = 4;

    /// <summary>
    /// The kernel actually used at <paramref name="scale"/>: <paramref name="requested"/> unless it is
    /// <see cref="LrKernel.Auto"/>, which gives MATLAB for whole scales ≤ 4 and PIL otherwise.
    /// </summary>
    public static LrKernel Resolve(LrKernel requested, double scale) => requested switch
    {
        LrKernel.Matlab or LrKernel.Pil => requested,
        LrKernel.Auto => EvalScales.IsWhole(scale) && scale <= MaxMatlabScale ? LrKernel.Matlab : LrKernel.Pil,
        _ => throw new ArgumentOutOfRangeException(nameof(requested), requested, "unknown LR kernel"),
    };

    /// <summary>"auto", "matlab" or "pil" (any case).</summary>
    public static LrKernel Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => LrKernel.Auto,
        "matlab" => LrKernel.Matlab,
        "pil" or "pillow" => LrKernel.Pil,
        _ => throw new LiifException($"bad LR kernel '{text}' (use auto, matlab or pil)"),
    };

    /// <summary>A name for tables: "MATLAB bicubic", "PIL bicubic" or "auto".</summary>
    public static string Describe(this LrKernel kernel) => kernel switch
    {
        LrKernel.Matlab => "MATLAB bicubic",
        LrKernel.Pil => "PIL bicubic",
        _ => "auto",
    };
}
