namespace Liif.Tests.Training;

public sealed class WholeImageValidatorTests
{
    [Fact]
    public void Psnr_is_over_the_scale_cropped_hr_image_in_rgb_averaged_over_images()
    {
        using var data = new TinyTraining(images: 0);
        // A model whose MLP outputs 0 everywhere: after de-normalisation every pixel is 0.5 grey.
        using LiifModel model = (LiifModel)ModelFactory.Make(data.Config().Model);
        using (no_grad())
        {
            foreach (var p in model.Imnet.parameters())
            {
                p.zero_();
            }
        }

        var images = new ImageFolderDataset([data.ValDir]);
        var validator = new WholeImageValidator(images, scale: 3, DataNormalization.Default, evalBsize: 50);
        double? psnr = validator.Evaluate(model, CPU, TestContext.Current.CancellationToken);

        double expected = images.Files.Select(f =>
        {
            ImageU8 hr = ImageFile.Load(f);
            int h = hr.Height / 3 * 3, w = hr.Width / 3 * 3;   // 24×20 → 18×24 … cropped at the top left
            double sum = 0;
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    for (int c = 0; c < 3; c++)
                    {
                        double d = 0.5 - hr[x, y, c] / 255.0;
                        sum += d * d;
                    }
                }
            }

            return -10 * Math.Log10(sum / (h * w * 3));
        }).Average();
        Assert.Equal(expected, psnr!.Value, 1e-3);
        Assert.True(model.training, "evaluation restores training mode");
    }
}
