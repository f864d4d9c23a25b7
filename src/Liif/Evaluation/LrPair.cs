namespace Liif.Evaluation;

/// <summary>An HR crop, the LR image made from it, and the kernel that made it.</summary>
/// <param name="Hr">The HR image cropped per <see cref="LrGeometry"/>: the ground truth.</param>
/// <param name="Lr">The model's input: <paramref name="Hr"/> shrunk by the scale.</param>
/// <param name="Kernel">The resampler used (never <see cref="LrKernel.Auto"/>).</param>
internal sealed record LrPair(ImageU8 Hr, ImageU8 Lr, LrKernel Kernel)
{
    /// <summary>
    /// Crops <paramref name="hr"/> (RGB) at the top left per <see cref="LrGeometry.For"/> and shrinks it by
    /// <paramref name="scale"/> with the kernel <see cref="LrKernels.Resolve"/> picks.
    /// </summary>
    public static LrPair Make(ImageU8 hr, double scale, LrKernel kernel)
    {
        LrGeometry g = LrGeometry.For(hr.Width, hr.Height, scale);
        LrKernel used = LrKernels.Resolve(kernel, scale);
        ImageU8 crop = g.HrWidth == hr.Width && g.HrHeight == hr.Height ? hr : hr.Crop(0, 0, g.HrWidth, g.HrHeight);
        // Resizing to the exact LR size gives MATLAB the scale LR/HR, which is the correctly rounded 1/s for
        // whole s: the same scale as imresize(img, 1/s).
        ImageU8 lr = used == LrKernel.Matlab
            ? MatlabBicubicResize.Resize(crop, g.LrWidth, g.LrHeight)
            : PilBicubicResize.Resize(crop, g.LrWidth, g.LrHeight);
        return new LrPair(crop, lr, used);
    }
}
