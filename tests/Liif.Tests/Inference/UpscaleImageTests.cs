namespace Liif.Tests.Inference;

/// <summary>Gray in, gray out; alpha kept; colour untouched (IUpscaler.UpscaleImage, what <c>upscale</c> runs).</summary>
public sealed class UpscaleImageTests
{
    private static IUpscaler TintingUpscaler()
    {
        // Random weights tint gray input strongly: a gray output can only come from the gray handling.
        manual_seed(11);
        return new TiledLiifUpscaler((LiifModel)ModelFactory.Make(TestModels.TinySpec()), CPU);
    }

    [Fact]
    public void A_gray_image_comes_out_gray_as_the_mean_of_the_models_colour_output()
    {
        IUpscaler upscaler = TintingUpscaler();
        ImageU8 gray = TestImages.Noise(9, 7, 1, seed: 1);
        ImageU8 colour = upscaler.Upscale(gray.ToRgb(), 20, 15);
        Assert.False(colour.IsGray(), "the test needs a model that tints gray input");

        ImageU8 result = upscaler.UpscaleImage(gray, 20, 15);
        Assert.Equal((20, 15, 1), (result.Width, result.Height, result.Channels));
        for (int i = 0; i < result.Pixels.Length; i++)
        {
            double mean = (colour.Pixels[3 * i] + colour.Pixels[3 * i + 1] + colour.Pixels[3 * i + 2]) / 3.0;
            Assert.True(Math.Abs(result.Pixels[i] - mean) <= 0.5, $"pixel {i}: {result.Pixels[i]} vs mean {mean:F2}");
        }

        // The same gray stored as RGB, or as RGBA, stays in its layout with R = G = B.
        ImageU8 rgb = upscaler.UpscaleImage(gray.ToRgb(), 20, 15);
        Assert.Equal(3, rgb.Channels);
        Assert.Equal(result.ToRgb().Pixels, rgb.Pixels);
        ImageU8 alpha = TestImages.Noise(9, 7, 1, seed: 2);
        ImageU8 rgba = upscaler.UpscaleImage(gray.WithAlpha(alpha), 20, 15);
        Assert.Equal(result.ToRgb().WithAlpha(PilBicubicResize.Resize(alpha, 20, 15)).Pixels, rgba.Pixels);
    }

    [Fact]
    public void A_colour_image_is_the_models_output_and_its_alpha_is_resized_on_its_own()
    {
        IUpscaler upscaler = TintingUpscaler();
        ImageU8 colour = TestImages.Noise(9, 7, 3, seed: 3), alpha = TestImages.Noise(9, 7, 1, seed: 4);
        Assert.Equal(upscaler.Upscale(colour, 20, 15).Pixels, upscaler.UpscaleImage(colour, 20, 15).Pixels);
        ImageU8 rgba = upscaler.UpscaleImage(colour.WithAlpha(alpha), 20, 15);
        Assert.Equal(upscaler.Upscale(colour, 20, 15).WithAlpha(PilBicubicResize.Resize(alpha, 20, 15)).Pixels, rgba.Pixels);
    }
}
