namespace Liif.Tests.Models;

/// <summary>The factorised decoder computes the same function as the literal official one.</summary>
public sealed class FastQueryTests
{
    [Theory]
    [InlineData(true, true, true)]
    [InlineData(false, true, true)]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    public void Fast_and_reference_queries_agree(bool localEnsemble, bool featUnfold, bool cellDecode)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        manual_seed(1);
        using var model = new LiifModel(new EdsrEncoder(resBlocks: 1, features: 8), [32, 32], localEnsemble, featUnfold, cellDecode);
        Tensor feat = model.Encode(rand(2, 3, 9, 13).mul(2).sub(1));
        // Random points, plus the pixel grids of outputs larger, equal (x1: every query on a latent centre, where the
        // relative coordinate must be exactly 0) and smaller than the 9×13 input; more than LiifModel.CpuQueryBlock
        // points, so the CPU's blocked decoding (with a partial last block) is covered.
        (int H, int W)[] grids = [(18, 26), (9, 13), (9, 5), (4, 6), (3, 13), (1, 1)];
        Tensor coord = cat([rand(2, 1500, 2).mul(2).sub(1), .. grids.Select(g => PixelCoordinates.Grid(g.H, g.W).view(1, -1, 2).expand(2, -1, -1))], 1);
        Assert.True(coord.shape[1] > LiifModel.CpuQueryBlock * 1.5);
        Tensor cell = full(2, coord.shape[1], 2, 0.05f);

        Tensor fast = model.QueryRgb(feat, coord, cell);
        Tensor reference = model.QueryRgbReference(feat, coord, cell);

        Assert.Equal(reference.shape, fast.shape);
        double maxDiff = fast.sub(reference).abs().max().item<float>();
        Assert.True(maxDiff < 1e-5, $"max |fast - reference| = {maxDiff:E2}");
    }

    [Theory]
    [InlineData(new int[0])]   // hidden_list []: the MLP is one linear layer, and its output gets no ReLU
    [InlineData(new[] { 24 })]
    [InlineData(new[] { 16, 16, 16 })]
    public void Fast_and_reference_queries_and_their_gradients_agree_for_any_number_of_hidden_layers(int[] hidden)
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var model = new LiifModel(new EdsrEncoder(resBlocks: 1, features: 8), hidden);
        Tensor input = rand(2, 3, 7, 9).mul(2).sub(1);
        Tensor coord = rand(2, 300, 2).mul(2).sub(1);
        Tensor cell = full(2, 300, 2, 0.1f);
        Tensor target = rand(2, 300, 3);

        Tensor[] Gradients(Func<Tensor, Tensor, Tensor, Tensor> query)
        {
            model.zero_grad();
            Tensor pred = query(model.Encode(input), coord, cell);
            pred.sub(target).abs().mean().backward();
            return [pred.detach().clone(), .. model.parameters().Select(p => p.grad is Tensor g ? g.clone() : zeros_like(p))];
        }

        Tensor[] fast = Gradients((f, c, e) => model.QueryRgb(f, c, e));
        Tensor[] reference = Gradients((f, c, e) => model.QueryRgbReference(f, c, e));
        for (int i = 0; i < fast.Length; i++)
        {
            double maxDiff = fast[i].sub(reference[i]).abs().max().item<float>();
            Assert.True(maxDiff < 1e-5, $"{(i == 0 ? "prediction" : $"gradient {i}")}: max |fast - reference| = {maxDiff:E2}");
        }
    }
}
