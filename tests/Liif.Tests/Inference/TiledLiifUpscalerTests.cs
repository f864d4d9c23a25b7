using Liif.Benchmarks;

namespace Liif.Tests.Inference;

public sealed class TiledLiifUpscalerTests
{
    private static LiifModel TinyModel()
    {
        manual_seed(11);
        return (LiifModel)ModelFactory.Make(TestModels.TinySpec());
    }

    [Theory]
    [InlineData(29, 17)]
    [InlineData(8, 40)]
    [InlineData(5, 5)]
    [InlineData(1, 1)]
    public void Output_is_exactly_the_requested_size(int width, int height)
    {
        using LiifModel model = TinyModel();
        var upscaler = new TiledLiifUpscaler(model, CPU, maxQueries: 100);
        ImageU8 result = upscaler.Upscale(TestImages.Noise(7, 6, 3, seed: 1), width, height);
        Assert.Equal((width, height, 3), (result.Width, result.Height, result.Channels));
    }

    [Fact]
    public void Chunk_size_does_not_change_the_result()
    {
        using LiifModel model = TinyModel();
        ImageU8 input = TestImages.Noise(9, 7, 3, seed: 2);
        ImageU8 small = new TiledLiifUpscaler(model, CPU, maxQueries: 13).Upscale(input, 31, 23);
        ImageU8 large = new TiledLiifUpscaler(model, CPU, maxQueries: 1 << 20).Upscale(input, 31, 23);
        Assert.Equal(large.Pixels, small.Pixels);
    }

    [Fact]
    public void Result_is_the_model_on_the_output_pixel_grid()
    {
        using LiifModel model = TinyModel();
        ImageU8 input = TestImages.Noise(9, 7, 3, seed: 3);
        ImageU8 result = new TiledLiifUpscaler(model, CPU, maxQueries: 50).Upscale(input, 20, 15);

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor inp = ImageTensor.ToTensor(input).sub(0.5).div(0.5).unsqueeze(0);
        Tensor coord = PixelCoordinates.Grid(15, 20).view(1, -1, 2);
        Tensor cell = PixelCoordinates.Cells(300, 15, 20).unsqueeze(0);
        Tensor expected = model.QueryRgbReference(model.Encode(inp), coord, cell).mul(0.5).add(0.5).clamp(0, 1).mul(255).view(-1);
        float[] e = expected.data<float>().ToArray();
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(result.Pixels[i] - e[i]) <= 0.5001, $"pixel value {i}: {result.Pixels[i]} vs {e[i]}");
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    public void Tiled_encoding_equals_whole_image_encoding(int tileSize)
    {
        // Four residual blocks: a receptive field (10 px) wider than the tiles, so margins really matter.
        manual_seed(5);
        using LiifModel model = (LiifModel)ModelFactory.Make(TestModels.TinySpec(features: 8, blocks: 4));
        ImageU8 input = TestImages.Noise(23, 17, 3, seed: 6);
        float[] whole = new TiledLiifUpscaler(model, CPU, maxQueries: 97, tileSize: 1000).Predict(input, 61, 40);
        float[] tiled = new TiledLiifUpscaler(model, CPU, maxQueries: 31, tileSize: tileSize).Predict(input, 61, 40);
        double maxDiff = whole.Zip(tiled, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff <= 1e-5, $"tile {tileSize}: max |tiled - whole| = {maxDiff:E2}");
    }

    [Theory]
    [InlineData(30, 25)]   // larger
    [InlineData(11, 9)]    // x1: every output pixel on a latent centre
    [InlineData(5, 3)]     // smaller (x1/2.2 by x1/3)
    [InlineData(11, 2)]    // x1 by smaller
    [InlineData(1, 1)]
    public void Fast_path_upscaler_agrees_with_the_official_query_rgb(int width, int height)
    {
        using LiifModel model = TinyModel();
        ImageU8 input = TestImages.Noise(11, 9, 3, seed: 8);
        float[] fast = new TiledLiifUpscaler(model, CPU, maxQueries: 40, tileSize: 4).Predict(input, width, height);
        float[] reference = new TiledLiifUpscaler(model, CPU, maxQueries: 40, tileSize: int.MaxValue, decoder: ReferenceTileDecoder.For(model))
            .Predict(input, width, height);
        double maxDiff = fast.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff <= 1e-5, $"{width}x{height}: max |fast - reference| = {maxDiff:E2}");
    }

    [Fact]
    public void Bfloat16_decoder_stays_close_to_float32()
    {
        using LiifModel model = TinyModel();
        ImageU8 input = TestImages.Noise(11, 9, 3, seed: 9);
        float[] fp32 = new TiledLiifUpscaler(model, CPU).Predict(input, 30, 25);
        float[] bf16 = new TiledLiifUpscaler(model, CPU, precision: DecoderPrecision.BFloat16).Predict(input, 30, 25);
        double maxDiff = fp32.Zip(bf16, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff < 0.01, $"max |bf16 - fp32| = {maxDiff:E2}");
        Assert.True(maxDiff > 0, "the bf16 path should really run in bfloat16");
    }

    [Fact]
    public void Repeated_upscales_leave_no_live_tensors()
    {
        using LiifModel model = TinyModel();
        var upscaler = new TiledLiifUpscaler(model, CPU, maxQueries: 64);
        ImageU8 input = TestImages.Noise(8, 8, 3, seed: 4);
        upscaler.Upscale(input, 30, 30);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 5; i++)
        {
            upscaler.Upscale(input, 30, 30);
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Bicubic_is_a_model_name()
    {
        IUpscaler bicubic = UpscalerFactory.Open("bicubic", CPU);
        ImageU8 result = bicubic.Upscale(TestImages.Noise(10, 10, 3, seed: 5), 25, 13);
        Assert.Equal((25, 13), (result.Width, result.Height));
    }

    [Fact]
    public void Model_files_open_as_upscalers()
    {
        using var dir = new TempFolder();
        IUpscaler upscaler = UpscalerFactory.Open(TestModels.SaveTiny(dir.Path), CPU, 1000);
        Assert.StartsWith("liif", upscaler.Name);
        Assert.Throws<CheckpointException>(() => UpscalerFactory.Open(dir.File("missing.pth"), CPU));
    }
}
