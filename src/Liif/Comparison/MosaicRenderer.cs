using SkiaSharp;

namespace Liif.Comparison;

/// <summary>
/// Draws a <see cref="ComparisonImage"/> as a PNG figure in the style of the LIIF paper's figure 3
/// (<see cref="MosaicLayout"/>): the whole image with a red box round the crop, then the same crop from every method
/// and from the ground truth, enlarged with nearest neighbour, each labelled with the method and its PSNR / SSIM
/// on the whole image (benchmark protocol); the best PSNR is set in bold.
/// </summary>
internal static class MosaicRenderer
{
    private static readonly SKColor s_text = new(0x22, 0x22, 0x22);
    private static readonly SKColor s_muted = new(0x55, 0x55, 0x55);
    private static readonly SKColor s_box = new(0xE0, 0x1B, 0x24);
    private static readonly SKColor s_frame = new(0xBB, 0xBB, 0xBB);

    /// <summary>The mosaic as PNG bytes (RGB).</summary>
    public static byte[] RenderPng(ComparisonImage c)
    {
        MosaicLayout layout = MosaicLayout.For(c.Hr.Width, c.Hr.Height, c.Crop, c.Entries.Count + 1);
        // Opaque: the PNG is written as RGB, not RGBA with an alpha channel that is 255 everywhere.
        var info = new SKImageInfo(layout.Width, layout.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using SKSurface surface = SKSurface.Create(info) ?? throw new InvalidOperationException("cannot create a drawing surface");
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using SKFont regular = Font(FigureFonts.Regular, 14);
        using SKFont bold = Font(FigureFonts.Bold, 15);
        using var textPaint = new SKPaint { Color = s_text, IsAntialias = true };
        using var mutedPaint = new SKPaint { Color = s_muted, IsAntialias = true };

        (string protocol, string crop) = Caption(c, layout.Zoom);
        DrawText(canvas, protocol, MosaicLayout.Margin, MosaicLayout.Margin + 14, SKTextAlign.Left, regular, mutedPaint,
            layout.Width - 2 * MosaicLayout.Margin);
        DrawText(canvas, crop, MosaicLayout.Margin, MosaicLayout.Margin + 33, SKTextAlign.Left, regular, mutedPaint,
            layout.Width - 2 * MosaicLayout.Margin);

        using SKImage hr = ToSkImage(c.Hr);
        DrawOverview(canvas, layout, c, hr, regular, bold, textPaint, mutedPaint);

        double bestPsnr = c.Entries.Max(e => e.Psnr);
        var tiles = c.Entries.Select(e => (Label: e.Label, Image: e.Output, Score: Score(e), Best: e.Psnr == bestPsnr))
            .Append((Label: "HR (ground truth)", Image: c.Hr, Score: "PSNR (dB) / SSIM", Best: false))
            .ToArray();
        // One size for every tile title (and one for every score line): the largest at which all of them fit.
        using SKFont titleFont = Font(FigureFonts.Bold, tiles.Min(t => FittedSize(t.Label, bold, layout.TileWidth)));
        float scoreSize = tiles.Min(t => FittedSize(t.Score, bold, layout.TileWidth));
        using SKFont scoreFont = Font(FigureFonts.Regular, scoreSize);
        using SKFont bestFont = Font(FigureFonts.Bold, scoreSize);
        for (int i = 0; i < tiles.Length; i++)
        {
            (int x, int y) = layout.Tile(i);
            bool groundTruth = ReferenceEquals(tiles[i].Image, c.Hr);
            using SKImage? own = groundTruth ? null : ToSkImage(tiles[i].Image);
            DrawTile(canvas, layout, own ?? hr, c.Crop, x, y);
            float centre = x + layout.TileWidth / 2f;
            canvas.DrawText(tiles[i].Label, centre, y + layout.TileHeight + 20, SKTextAlign.Center, titleFont, textPaint);
            canvas.DrawText(tiles[i].Score, centre, y + layout.TileHeight + 39, SKTextAlign.Center,
                tiles[i].Best ? bestFont : scoreFont, groundTruth ? mutedPaint : textPaint);
        }

        using SKImage snapshot = surface.Snapshot();
        using SKData data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void DrawOverview(SKCanvas canvas, MosaicLayout layout, ComparisonImage c, SKImage hr, SKFont regular,
        SKFont bold, SKPaint textPaint, SKPaint mutedPaint)
    {
        int left = MosaicLayout.Margin, top = layout.Top;
        var dst = SKRect.Create(left, top, layout.OverviewWidth, layout.OverviewHeight);
        canvas.DrawImage(hr, SKRect.Create(0, 0, c.Hr.Width, c.Hr.Height), dst, new SKSamplingOptions(SKCubicResampler.Mitchell));
        float sx = (float)layout.OverviewWidth / c.Hr.Width, sy = (float)layout.OverviewHeight / c.Hr.Height;
        using var box = new SKPaint { Color = s_box, Style = SKPaintStyle.Stroke, StrokeWidth = 2.5f, IsAntialias = true };
        canvas.DrawRect(SKRect.Create(left + c.Crop.X * sx, top + c.Crop.Y * sy, c.Crop.Width * sx, c.Crop.Height * sy), box);
        float centre = left + layout.OverviewWidth / 2f, below = top + layout.OverviewHeight;
        DrawText(canvas, c.Name, centre, below + 20, SKTextAlign.Center, bold, textPaint, layout.OverviewWidth);
        string size = string.Create(CultureInfo.InvariantCulture,
            $"{c.Hr.Width}×{c.Hr.Height}, LR {c.Lr.Width}×{c.Lr.Height} (x{EvalScales.Format(c.Scale)})");
        DrawText(canvas, size, centre, below + 39, SKTextAlign.Center, regular, mutedPaint, layout.OverviewWidth);
    }

    private static void DrawTile(SKCanvas canvas, MosaicLayout layout, SKImage image, CropRect crop, int x, int y)
    {
        var src = SKRect.Create(crop.X, crop.Y, crop.Width, crop.Height);
        var dst = SKRect.Create(x, y, layout.TileWidth, layout.TileHeight);
        canvas.DrawImage(image, src, dst, new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None));
        using var frame = new SKPaint { Color = s_frame, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        canvas.DrawRect(SKRect.Create(x - 0.5f, y - 0.5f, layout.TileWidth + 1, layout.TileHeight + 1), frame);
    }

    /// <summary>Draws one line, shrunk (from the font's size) until it fits <paramref name="maxWidth"/>.</summary>
    private static void DrawText(SKCanvas canvas, string text, float x, float y, SKTextAlign align, SKFont font, SKPaint paint, float maxWidth)
    {
        using SKFont fitted = Font(font.Typeface, FittedSize(text, font, maxWidth));
        canvas.DrawText(text, x, y, align, fitted, paint);
    }

    private static SKFont Font(SKTypeface typeface, float size) =>
        new(typeface, size) { Subpixel = true, Edging = SKFontEdging.Antialias };

    /// <summary>The largest size, from the font's own down to 8 in half points, at which the text fits the width.</summary>
    private static float FittedSize(string text, SKFont font, float maxWidth)
    {
        using var probe = new SKFont(font.Typeface, font.Size);
        while (probe.MeasureText(text) > maxWidth - 4 && probe.Size > 8)
        {
            probe.Size -= 0.5f;
        }

        return probe.Size;
    }

    private static string Score(ComparisonEntry e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.Psnr:F2} dB / {e.Ssim:F4}");

    /// <summary>The two caption lines: how LR and the scores were made; which crop is shown.</summary>
    private static (string Protocol, string Crop) Caption(ComparisonImage c, int zoom)
    {
        int shave = EvalProtocol.Benchmark.Shave(c.Scale);
        string protocol = string.Create(CultureInfo.InvariantCulture,
            $"x{EvalScales.Format(c.Scale)} super-resolution of {c.Name}: LR by {c.Kernel.Describe()}; PSNR / SSIM of the whole image on Y, "
            + $"{shave} px border shaved; best in bold.");
        string crop = string.Create(CultureInfo.InvariantCulture,
            $"Crop {c.Crop.Width}×{c.Crop.Height} at ({c.Crop.X}, {c.Crop.Y}), {c.CropChoice}, enlarged ×{zoom} (nearest neighbour).");
        return (protocol, crop);
    }

    /// <summary>An 8-bit RGB image as an SKImage (opaque RGBA copy).</summary>
    private static SKImage ToSkImage(ImageU8 rgb)
    {
        (SKImageInfo info, byte[] rgba) = SkiaPixels.Layout(rgb.ToRgb(), null);
        return SKImage.FromPixelCopy(info, rgba) ?? throw new InvalidOperationException("cannot make an image for drawing");
    }
}
