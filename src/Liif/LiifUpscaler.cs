using SkiaSharp;

namespace Liif;

/// <summary>
/// Arbitrary-scale super-resolution with a LIIF model: load a model once, then upscale images to any scale (x2,
/// x3.7, 2 across by 3 down) or any exact size. Images are handled as the <c>liif upscale</c> command handles them:
/// a gray image comes out gray, an alpha channel is upscaled on its own and kept, and image files are read as
/// viewers show them (EXIF orientation applied, colour profile kept) and written atomically.
/// </summary>
/// <example>
/// <code>
/// using var upscaler = LiifUpscaler.Load();
/// upscaler.UpscaleFile("photo.jpg", "photo_x2.png", 2);
/// </code>
/// </example>
/// <remarks>
/// An instance holds the model's weights (on the device it was loaded for) until it is disposed. It runs one upscale
/// at a time: calls from several threads must take turns. Errors a caller can cause (a missing or unreadable file,
/// a file that is not an image or not a model, a bad scale or size, an unknown or absent device) are
/// <see cref="LiifException"/>s with a one-line message.
/// </remarks>
public sealed class LiifUpscaler : IDisposable
{
    private readonly LoadedModel _model;
    private readonly IUpscaler _engine;
    private bool _disposed;

    private LiifUpscaler(LoadedModel model, IUpscaler engine)
    {
        _model = model;
        _engine = engine;
    }

    /// <summary>
    /// The largest output, in megapixels, that an upscale may ask for (default 400, as the command line's
    /// <c>--max-megapixels</c>); a larger one is refused with a <see cref="LiifException"/> before any work, instead of
    /// running out of memory part-way.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not above 0 (zero, negative or NaN).</exception>
    public double MaxMegapixels
    {
        get;
        set => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"{nameof(MaxMegapixels)} must be above 0");
    } = OutputLimit.DefaultMegapixels;

    /// <summary>Loads a model for upscaling.</summary>
    /// <param name="modelPath">
    /// A model file: this project's <c>.safetensors</c> (what <c>liif train</c> writes) or an official LIIF PyTorch
    /// checkpoint (<c>.pth</c> from github.com/yinboc/liif). Null: the default model that ships inside the library,
    /// EDSR-baseline-LIIF trained on T91 + BSD200 (an interim model, well below the published LIIF: see the package
    /// README).
    /// </param>
    /// <param name="device">
    /// Where the model runs: <c>cpu</c> (the default), <c>cuda</c>, <c>cuda:N</c>, or <c>auto</c> (CUDA when there is
    /// a device, else the CPU). CUDA needs a CUDA libtorch: <c>LIIF_LIBTORCH</c> naming a <c>torch/lib</c> folder, or
    /// an installed PyTorch with CUDA.
    /// </param>
    /// <exception cref="CheckpointException">The model file is missing, unreadable, or not a model this library runs.</exception>
    /// <exception cref="LiifException">The device is unknown or not present.</exception>
    public static LiifUpscaler Load(string? modelPath = null, string device = "cpu")
    {
        ArgumentNullException.ThrowIfNull(device);
        TorchSharp.torch.Device parsedDevice = ComputeDevice.Parse(device);
        LoadedModel model = modelPath is null ? ShippedModel.Load() : ModelLoader.Load(modelPath);
        try
        {
            return new LiifUpscaler(model, UpscalerFactory.Open(model, parsedDevice));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Upscales an image to <paramref name="target"/>; the result has the input's layout (gray, RGB or RGBA).</summary>
    /// <param name="image">The image.</param>
    /// <param name="target">The output size: <see cref="TargetSize.Scale(double)"/> or <see cref="TargetSize.Size"/>.</param>
    /// <param name="progress">Receives the fraction done, 0 to 1, as the work goes on.</param>
    /// <returns>A new image.</returns>
    /// <exception cref="LiifException">The output is above <see cref="MaxMegapixels"/>, or the model cannot make that size (a fixed-scale baseline asked for another scale).</exception>
    public ImageU8 Upscale(ImageU8 image, TargetSize target, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(target);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return CheckedUpscale(image, target, progress, keepAlpha: true);
    }

    /// <summary>
    /// Upscales a bitmap to <paramref name="target"/>. A Gray8 bitmap gives a Gray8 bitmap; any other is read as
    /// straight RGBA in its own colour space and gives an RGBA bitmap (opaque when the input is) in the same space.
    /// </summary>
    /// <param name="bitmap">The bitmap; it is not changed.</param>
    /// <param name="target">The output size: <see cref="TargetSize.Scale(double)"/> or <see cref="TargetSize.Size"/>.</param>
    /// <param name="progress">Receives the fraction done, 0 to 1, as the work goes on.</param>
    /// <returns>A new bitmap, which the caller disposes.</returns>
    /// <exception cref="LiifException">The bitmap is empty or its pixels cannot be read, or the model cannot make that size.</exception>
    public SKBitmap Upscale(SKBitmap bitmap, TargetSize target, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        ImageU8 result = Upscale(SkiaPixels.FromBitmap(bitmap), target, progress);
        return SkiaPixels.ToBitmap(result, result.Channels == 1 ? null : bitmap.ColorSpace);
    }

    /// <summary>
    /// Reads an image file (PNG, JPEG, WebP, BMP or GIF), upscales it to <paramref name="target"/> and writes the
    /// result to <paramref name="output"/> in the format its extension names (.png, .jpg/.jpeg or .webp), with the
    /// input's colour profile. The file is written under a temporary name and renamed when complete, so a failure
    /// leaves no partial file. JPEG cannot store transparency: an alpha channel is dropped there.
    /// </summary>
    /// <param name="input">The image file; an animation gives its first frame.</param>
    /// <param name="output">The file to write (replaced when it exists); its folder must exist.</param>
    /// <param name="target">The output size: <see cref="TargetSize.Scale(double)"/> or <see cref="TargetSize.Size"/>.</param>
    /// <param name="quality">JPEG and WebP quality, 1 to 100 (WebP at 100 is lossless).</param>
    /// <param name="progress">Receives the fraction done, 0 to 1, as the work goes on.</param>
    /// <exception cref="LiifException">The input is missing, unreadable or not an image; the output's format is not
    /// supported or its folder cannot be written; or the model cannot make that size.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quality"/> is not 1 to 100.</exception>
    public void UpscaleFile(string input, string output, TargetSize target, int quality = 95, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        ObjectDisposedException.ThrowIf(_disposed, this);
        bool keepAlpha = ImageFile.OutputFormatOf(output) != SKEncodedImageFormat.Jpeg;   // an unsupported format fails before any work
        DecodedImage decoded = ImageFile.Read(input);
        ImageU8 result = CheckedUpscale(decoded.Image, target, progress, keepAlpha);
        ImageFile.Save(result, output, quality, decoded.Profile);
    }

    /// <summary>Reads <paramref name="input"/>, upscales it by <paramref name="scale"/> and writes <paramref name="output"/>:
    /// <see cref="UpscaleFile(string, string, TargetSize, int, IProgress{double})"/> with <see cref="TargetSize.Scale(double)"/>.</summary>
    /// <param name="input">The image file.</param>
    /// <param name="output">The file to write; its extension picks PNG, JPEG or WebP.</param>
    /// <param name="scale">The scale factor, a positive finite number (e.g. 2 or 3.7).</param>
    /// <exception cref="LiifException">As for the overload with a <see cref="TargetSize"/>, or the scale is not positive and finite.</exception>
    public void UpscaleFile(string input, string output, double scale) => UpscaleFile(input, output, TargetSize.Scale(scale));

    private ImageU8 CheckedUpscale(ImageU8 image, TargetSize target, IProgress<double>? progress, bool keepAlpha)
    {
        (int width, int height) = target.For(image.Width, image.Height);
        OutputLimit.FromMegapixels(MaxMegapixels, $"{nameof(LiifUpscaler)}.{nameof(MaxMegapixels)}").Check(width, height);
        return _engine.UpscaleImage(image, width, height, progress, keepAlpha);
    }

    /// <summary>Releases the model's weights; the instance cannot upscale afterwards.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _model.Dispose();
        }
    }
}
