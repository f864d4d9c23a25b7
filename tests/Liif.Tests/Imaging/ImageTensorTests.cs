namespace Liif.Tests.Imaging;

public class ImageTensorTests
{
    [Fact]
    public void To_tensor_is_chw_in_unit_range()
    {
        var image = new ImageU8(2, 1, 3, [0, 51, 255, 102, 153, 204]);
        using var t = ImageTensor.ToTensor(image);
        Assert.Equal(new long[] { 3, 1, 2 }, t.shape);
        Assert.Equal(torch.ScalarType.Float32, t.dtype);
        float[] v = t.data<float>().ToArray();
        Assert.Equal(new[] { 0f, 102 / 255f, 51 / 255f, 153 / 255f, 1f, 204 / 255f }, v);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Round_trip_is_exact(int channels)
    {
        ImageU8 image = TestImages.Noise(13, 7, channels, seed: 12);
        using var t = ImageTensor.ToTensor(image);
        ImageU8 back = ImageTensor.FromTensor(t);
        Assert.Equal((13, 7, channels), (back.Width, back.Height, back.Channels));
        Assert.Equal(image.Pixels, back.Pixels);
        Assert.Equal(image.Pixels, ImageTensor.FromTensor(t, rounding: false).Pixels);
    }

    [Fact]
    public void Rounds_by_default_truncates_on_request_and_clamps()
    {
        using var t = torch.tensor(new[] { 0.999f, 0.5f, -0.2f, 1.7f, float.NaN, 0.0021f }, new long[] { 1, 2, 3 });
        Assert.Equal(new byte[] { 255, 128, 0, 255, 0, 1 }, ImageTensor.FromTensor(t).Pixels);
        Assert.Equal(new byte[] { 254, 127, 0, 255, 0, 0 }, ImageTensor.FromTensor(t, rounding: false).Pixels);
    }

    [Fact]
    public void Accepts_double_and_non_contiguous_tensors()
    {
        using var t = torch.tensor(new double[] { 0, 1, 0.2, 0.4 }, new long[] { 1, 2, 2 });
        using var transposed = t.transpose(1, 2);
        Assert.Equal(new byte[] { 0, 51, 255, 102 }, ImageTensor.FromTensor(transposed).Pixels);
    }

    [Fact]
    public void Rejects_wrong_shapes()
    {
        using var flat = torch.zeros(3, 4);
        Assert.Throws<ArgumentException>(() => ImageTensor.FromTensor(flat));
        using var two = torch.zeros(2, 4, 4);
        Assert.ThrowsAny<ArgumentException>(() => ImageTensor.FromTensor(two));   // ImageU8 refuses 2 channels
    }
}
