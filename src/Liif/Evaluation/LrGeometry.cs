namespace Liif.Evaluation;

/// <summary>
/// The HR crop and LR size for one image at one scale: HR is cropped at the top left to the largest size whose
/// ratio to a whole LR size is exactly the scale, so that the model upscales LR to exactly the HR crop.
/// </summary>
/// <param name="HrWidth">Width of the HR crop.</param>
/// <param name="HrHeight">Height of the HR crop.</param>
/// <param name="LrWidth">LR width: HrWidth / scale.</param>
/// <param name="LrHeight">LR height: HrHeight / scale.</param>
internal readonly record struct LrGeometry(int HrWidth, int HrHeight, int LrWidth, int LrHeight)
{
    // n·scale counts as whole when within this of an integer (2.3 · 10 = 23.000000000000004 in binary).
    private const double WholeTolerance = 1e-6;

    /// <summary>
    /// The crop of a <paramref name="width"/> × <paramref name="height"/> HR image at <paramref name="scale"/>.
    /// Whole s: W − W mod s. Other s (e.g. 2.5): the largest W' ≤ W with W'/s whole (a multiple of 5 at 2.5).
    /// Same for the height.
    /// </summary>
    public static LrGeometry For(int width, int height, double scale)
    {
        EvalScales.Check(scale);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        (int hrWidth, int lrWidth) = Crop(width, scale, width, height);
        (int hrHeight, int lrHeight) = Crop(height, scale, width, height);
        return new LrGeometry(hrWidth, hrHeight, lrWidth, lrHeight);
    }

    /// <summary>The largest (HR length, LR length) with HR ≤ <paramref name="length"/> and HR = LR · scale.</summary>
    private static (int Hr, int Lr) Crop(int length, double scale, int width, int height)
    {
        for (int lr = (int)Math.Floor(length / scale + WholeTolerance); lr >= 1; lr--)
        {
            double hr = lr * scale;
            double whole = Math.Round(hr);
            if (Math.Abs(hr - whole) < WholeTolerance && whole <= length)
            {
                return ((int)whole, lr);
            }
        }

        throw new LiifException(
            $"a {width}x{height} image has no crop whose size is a whole multiple of {EvalScales.Format(scale)} " +
            "(the image is too small, or the scale has too many decimals)");
    }
}
