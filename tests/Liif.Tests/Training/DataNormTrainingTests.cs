namespace Liif.Tests.Training;

/// <summary>A model trained with another <c>data_norm</c> records it, and every decoder uses it.</summary>
public sealed class DataNormTrainingTests
{
    [Fact]
    public void A_model_trained_with_another_normalisation_upscales_as_its_validation_scored_it()
    {
        using var data = new TinyTraining();
        string run = data.RunDir("run");
        var observer = new RecordingObserver();
        TrainConfig config = data.Config(epochs: 40, set: ["data_norm.inp.sub=[0.3, 0.5, 0.7]", "data_norm.inp.div=[0.25]",
            "data_norm.gt.sub=[0.45]", "data_norm.gt.div=[0.2, 0.3, 0.4]", "epoch_val=40", "epoch_save=40"]);
        using (TrainingRun trainer = TrainingRun.Start(config, run, observer))
        {
            trainer.Run(stop: TestContext.Current.CancellationToken);
        }

        string modelPath = new RunFolder(run).Model;
        using (LoadedModel loaded = ModelLoader.Load(modelPath))
        {
            Assert.Equal(config.DataNorm.ToJson().ToJsonString(), loaded.DataNorm.ToJson().ToJsonString());
        }

        // The validation images as the validator makes them (x2, Pillow bicubic LR), upscaled by the model file as
        // `upscale` and `eval` open it: the same PSNR as validation (the 8-bit rounding aside).
        IUpscaler upscaler = UpscalerFactory.Open(modelPath, CPU);
        using LoadedModel raw = ModelLoader.Load(modelPath);
        var misread = new TiledLiifUpscaler((LiifModel)raw.Module, CPU);   // the same weights decoded as 0.5 / 0.5
        double Psnr(IUpscaler u) => Directory.GetFiles(data.ValDir).Order().Average(f =>
        {
            ImageU8 hr = ImageFile.Load(f);
            hr = hr.Crop(0, 0, hr.Width / 2 * 2, hr.Height / 2 * 2);
            ImageU8 sr = u.Upscale(PilBicubicResize.Resize(hr, hr.Width / 2, hr.Height / 2), hr.Width, hr.Height);
            return WholeImageValidator.RgbPsnr(sr, hr);
        });

        double validation = observer.Psnrs[^1], upscaled = Psnr(upscaler), wrong = Psnr(misread);
        Assert.True(Math.Abs(upscaled - validation) < 0.05, $"upscaled {upscaled:F3} dB, validation {validation:F3} dB");
        Assert.True(upscaled > wrong + 3, $"decoded with its own normalisation {upscaled:F2} dB, with 0.5 / 0.5 {wrong:F2} dB");
    }
}
