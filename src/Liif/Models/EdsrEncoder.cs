namespace Liif.Models;

/// <summary>
/// EDSR (Lim et al. 2017) without its upsampler, as LIIF uses it: head conv, residual body, global skip.
/// <c>edsr-baseline</c> is 16 blocks of 64 features with res_scale 1.
/// </summary>
internal sealed class EdsrEncoder : Encoder
{
    [ComponentName(Name = "sub_mean")]
    private readonly MeanShift _subMean;
    [ComponentName(Name = "add_mean")]
    private readonly MeanShift _addMean;
    [ComponentName(Name = "head")]
    private readonly Sequential _head;
    [ComponentName(Name = "body")]
    private readonly Sequential _body;

    public EdsrEncoder(int resBlocks = 16, int features = 64, double resScale = 1.0, int colors = 3)
        : base(nameof(EdsrEncoder))
    {
        const int kernel = 3;
        _subMean = new MeanShift(-1);
        _addMean = new MeanShift(+1);
        _head = nn.Sequential(nn.Conv2d(colors, features, kernel, padding: kernel / 2));
        var body = new List<nn.Module<Tensor, Tensor>>();
        for (int i = 0; i < resBlocks; i++)
        {
            body.Add(new ResBlock(features, kernel, resScale));
        }

        body.Add(nn.Conv2d(features, features, kernel, padding: kernel / 2));
        _body = nn.Sequential(body);
        OutDim = features;
        ReceptiveRadius = (2 * resBlocks + 2) * (kernel / 2);
        RegisterComponents();
    }

    /// <summary>x: B×3×h×w (normalised to [-1, 1]) → B×OutDim×h×w.</summary>
    public override Tensor forward(Tensor x)
    {
        using Tensor head = _head.call(x);
        using Tensor res = _body.call(head);
        return res.add(head);
    }
}
