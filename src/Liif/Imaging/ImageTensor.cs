namespace Liif.Imaging;

/// <summary>
/// Converts between <see cref="ImageU8"/> and float32 C×H×W tensors with values in [0, 1]
/// (torchvision's <c>ToTensor</c> layout), with one bulk copy each way.
/// </summary>
internal static class ImageTensor
{
    /// <summary>
    /// The image as a float32 CPU tensor of shape C×H×W (C = the image's channels), value = byte / 255.
    /// </summary>
    public static Tensor ToTensor(ImageU8 image)
    {
        int c = image.Channels;
        int plane = image.Width * image.Height;
        var values = new float[checked(plane * c)];
        byte[] pixels = image.Pixels;
        for (int ch = 0; ch < c; ch++)
        {
            int o = ch * plane;
            for (int i = 0; i < plane; i++)
            {
                values[o + i] = pixels[i * c + ch] / 255f;
            }
        }
        return torch.tensor(values, new long[] { c, image.Height, image.Width }, ScalarType.Float32);
    }

    /// <summary>
    /// A C×H×W tensor (C = 1, 3 or 4; any device and floating type) in [0, 1] as an 8-bit image.
    /// With <paramref name="rounding"/> (the default) a value v becomes round(255·v) clamped to 0..255.
    /// Without it, it becomes trunc(255·v) clamped — what the official LIIF code gets when it saves through
    /// torchvision's <c>ToPILImage</c> (<c>pic.mul(255).byte()</c>), which biases every pixel down by half a level.
    /// </summary>
    public static ImageU8 FromTensor(Tensor tensor, bool rounding = true)
    {
        if (tensor.dim() != 3)
        {
            throw new ArgumentException(
                $"expected a C×H×W tensor, got shape [{string.Join(", ", tensor.shape)}]", nameof(tensor));
        }
        int c = (int)tensor.shape[0];
        int h = (int)tensor.shape[1];
        int w = (int)tensor.shape[2];
        float[] values;
        using (torch.NewDisposeScope())
        {
            values = tensor.detach().to(ScalarType.Float32, torch.CPU).contiguous().data<float>().ToArray();
        }
        int plane = w * h;
        var pixels = new byte[checked(plane * c)];
        for (int ch = 0; ch < c; ch++)
        {
            int o = ch * plane;
            for (int i = 0; i < plane; i++)
            {
                pixels[i * c + ch] = ToByte(values[o + i], rounding);
            }
        }
        return new ImageU8(w, h, c, pixels);
    }

    private static byte ToByte(float value, bool rounding)
    {
        float scaled = value * 255f;
        // torch.round rounds half to even, like MathF.Round's default.
        float v = rounding ? MathF.Round(scaled) : MathF.Truncate(scaled);
        if (!(v > 0))
        {
            return 0; // also NaN
        }
        return v >= 255 ? (byte)255 : (byte)v;
    }
}
