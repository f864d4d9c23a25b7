namespace Liif.Models;

/// <summary>EDSR residual block without batch norm: x + res_scale * conv(relu(conv(x))).</summary>
internal sealed class ResBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "body")]
    private readonly Sequential _body;
    private readonly double _resScale;

    public ResBlock(int features, int kernelSize, double resScale) : base(nameof(ResBlock))
    {
        // Indices 0 and 2 match the official nn.Sequential(conv, ReLU, conv).
        _body = nn.Sequential(
            nn.Conv2d(features, features, kernelSize, padding: kernelSize / 2),
            nn.ReLU(),
            nn.Conv2d(features, features, kernelSize, padding: kernelSize / 2));
        _resScale = resScale;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using Tensor res = _body.call(x);
        return _resScale == 1.0 ? res.add(x) : res.mul(_resScale).add_(x);
    }
}
