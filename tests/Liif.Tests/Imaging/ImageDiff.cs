namespace Liif.Tests.Imaging;

/// <summary>Per-byte comparison of two images of the same shape.</summary>
internal readonly record struct ImageDiff(int Max, long Differing, long Total)
{
    public double DifferingFraction => Total == 0 ? 0 : (double)Differing / Total;

    public static ImageDiff Of(ImageU8 actual, ImageU8 expected)
    {
        Assert.Equal((expected.Width, expected.Height, expected.Channels), (actual.Width, actual.Height, actual.Channels));
        int max = 0;
        long differing = 0;
        for (int i = 0; i < expected.Pixels.Length; i++)
        {
            int d = Math.Abs(actual.Pixels[i] - expected.Pixels[i]);
            if (d != 0)
            {
                differing++;
                max = Math.Max(max, d);
            }
        }
        return new ImageDiff(max, differing, expected.Pixels.Length);
    }

    public override string ToString() =>
        $"max |diff| {Max}, {Differing}/{Total} values differ ({DifferingFraction:P4})";
}
