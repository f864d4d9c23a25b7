namespace Liif.Models;

/// <summary>
/// EDSR's fixed 1x1 convolution that subtracts (or adds back) the DIV2K RGB mean. The official EDSR keeps two of
/// them as frozen parameters but LIIF's encoder never calls them; they exist here so that official state dicts
/// load key for key.
/// </summary>
internal sealed class MeanShift : nn.Module<Tensor, Tensor>
{
    private static readonly float[] s_rgbMean = [0.4488f, 0.4371f, 0.4040f];

    private readonly Parameter weight;
    private readonly Parameter bias;

    public MeanShift(int sign) : base(nameof(MeanShift))
    {
        weight = new Parameter(eye(3).view(3, 3, 1, 1), requires_grad: false);
        bias = new Parameter(tensor(s_rgbMean).mul(sign), requires_grad: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => nn.functional.conv2d(x, weight, bias);
}
