using Liif.Benchmarks;

namespace Liif.Tests.Inference;

/// <summary>
/// The speed work must not move quality: with the shipped model, Set5 x4 PSNR of the fast path (float32, and with
/// the bfloat16 decoder) stays within 0.01 dB of the official code's float32 decoding path.
/// </summary>
public sealed class FastPathQualityTests
{
    private const double ToleranceDb = 0.01;

    [Fact]
    public void Fast_paths_keep_set5_x4_psnr_within_a_hundredth_of_a_decibel()
    {
        string? model = TestModels.ShippedDefaultModel();
        if (model is null || SharedData.Data is null)
        {
            Assert.Skip(model is null ? "no shipped default model (models/edsr-baseline-liif.safetensors)" : SharedData.MissingMessage);
        }

        using LoadedModel loaded = ModelLoader.Load(model);
        var liif = (LiifModel)loaded.Module;
        BenchmarkDataset set5 = BenchmarkDataset.Open(Path.Combine(SharedData.Data, "benchmark", "Set5"));
        double Psnr(TiledLiifUpscaler upscaler) =>
            new Evaluator(upscaler).Run([set5], [4.0]).Results.Single().MeanPsnr;

        double reference = Psnr(new TiledLiifUpscaler(liif, CPU, tileSize: int.MaxValue, decoder: ReferenceTileDecoder.For(liif)));
        double fast = Psnr(new TiledLiifUpscaler(liif, CPU));
        double bf16 = Psnr(new TiledLiifUpscaler(liif, CPU, precision: DecoderPrecision.BFloat16));

        Assert.True(Math.Abs(fast - reference) < ToleranceDb, $"fp32 fast path {fast:0.0000} dB vs reference {reference:0.0000} dB");
        Assert.True(Math.Abs(bf16 - reference) < ToleranceDb, $"bf16 decoder {bf16:0.0000} dB vs reference {reference:0.0000} dB");
    }
}
