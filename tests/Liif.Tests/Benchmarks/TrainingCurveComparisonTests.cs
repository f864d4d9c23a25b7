using Liif.Benchmarks;

namespace Liif.Tests.Benchmarks;

public sealed class TrainingCurveComparisonTests
{
    [Fact]
    public void Curves_start_from_the_same_weights_agree_and_leave_the_model_as_it_was()
    {
        manual_seed(3);
        using var model = new LiifModel(new EdsrEncoder(resBlocks: 1, features: 8), [16, 16]);
        float[] before = model.Imnet.parameters().First().data<float>().ToArray();
        var images = Enumerable.Range(0, 2).Select(i => SmoothNoiseImage.Create(192, i)).ToArray();

        TrainingCurves curves = new TrainingCurveComparison(model, CPU)
            .Run(images, steps: 4, [TrainingPrecision.Float32, TrainingPrecision.BFloat16], batch: 2, lr: 1e-3);

        Assert.Equal(["official path, fp32", "fast path, fp32, TorchSharp Adam", "fast path, fp32, flat Adam", "fast path, bf16, flat Adam"], curves.Settings);
        Assert.All(curves.Losses, l => Assert.Equal(4, l.Length));
        Assert.True(curves.Losses[0][^1] < curves.Losses[0][0], "the reference run should learn");
        Assert.True(curves.MaxRelativeDifference(1) < 1e-4, $"fp32 fast path: {curves.MaxRelativeDifference(1):E2}");
        // The flat Adam takes the same steps as TorchSharp's (bit for bit on this project's Xeon).
        Assert.Equal(curves.Losses[1], curves.Losses[2], (a, b) => Math.Abs(a - b) <= 1e-6 * Math.Abs(a));
        Assert.True(curves.MaxRelativeDifference(3) < 0.02, $"bf16 decoder: {curves.MaxRelativeDifference(3):E2}");
        Assert.Equal(before, model.Imnet.parameters().First().data<float>().ToArray());
    }
}
