namespace Liif.Models;

/// <summary>SRResNet's residual block (Ledig et al. 2017): x + BN(conv(PReLU(BN(conv(x))))), 3×3 convolutions.</summary>
internal sealed class SrResidualBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "body")]
    private readonly Sequential _body;

    public SrResidualBlock(int features) : base(nameof(SrResidualBlock))
    {
        _body = nn.Sequential(
            nn.Conv2d(features, features, 3, padding: 1),
            nn.BatchNorm2d(features),
            nn.PReLU(1, 0.25),
            nn.Conv2d(features, features, 3, padding: 1),
            nn.BatchNorm2d(features));
        RegisterComponents();
    }

    /// <summary>x: B×C×h×w → B×C×h×w.</summary>
    public override Tensor forward(Tensor x)
    {
        using Tensor res = _body.call(x);
        return res.add(x);
    }
}
