using TorchSharp.Modules;
using F = TorchSharp.torch.nn.functional;

namespace Liif.Tests.Training;

public sealed class FlatAdamTests
{
    private static LiifModel TinyModel()
    {
        var model = new LiifModel(new EdsrEncoder(resBlocks: 1, features: 8), [16, 16]);
        SeededInitialization.Apply(model, 7);
        model.train();
        return model;
    }

    private static List<(string Name, Parameter Parameter)> Trained(LiifModel model) =>
        model.named_parameters().Where(p => p.parameter.requires_grad).ToList();

    /// <summary>The same batch for a given step: LR input, query coordinates, cells and targets.</summary>
    private static (Tensor Inp, Tensor Coord, Tensor Cell, Tensor Gt) Batch(int step)
    {
        var g = new Generator((ulong)(100 + step));
        return (rand([2, 3, 12, 12], generator: g).mul_(2).sub_(1), rand([2, 30, 2], generator: g).mul_(2).sub_(1),
            full([2, 30, 2], 2f / 30), rand([2, 30, 3], generator: g).mul_(2).sub_(1));
    }

    private static float Loss(LiifModel model, int step)
    {
        (Tensor inp, Tensor coord, Tensor cell, Tensor gt) = Batch(step);
        Tensor loss = F.l1_loss(model.QueryRgb(model.Encode(inp), coord, cell), gt);
        loss.backward();
        return loss.item<float>();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-2)]
    public void Flat_adam_follows_torchsharp_adam_step_for_step(double weightDecay)
    {
        using LiifModel reference = TinyModel(), flat = TinyModel();
        using var torchAdam = optim.Adam(Trained(reference).Select(p => p.Parameter), lr: 1e-2, beta1: 0.9, beta2: 0.999, weight_decay: weightDecay);
        using var flatAdam = new FlatAdam(Trained(flat), lr: 1e-2, beta1: 0.9, beta2: 0.999, weightDecay: weightDecay);
        FlatParameters parameters = flatAdam.Parameters;
        for (int step = 0; step < 6; step++)
        {
            using var scope = NewDisposeScope();
            torchAdam.zero_grad();
            float referenceLoss = Loss(reference, step);
            torchAdam.step();
            flatAdam.ZeroGrad();
            float flatLoss = Loss(flat, step);
            flatAdam.Step();
            Assert.Equal(referenceLoss, flatLoss, 1e-5f);
        }

        Assert.Equal(6, flatAdam.Steps);
        // Element-wise kernels give the same bits whatever the layout: on this project's Intel Xeon every parameter is
        // identical after 6 steps. The tolerance leaves room for a CPU whose vectorised and scalar loops round apart.
        foreach (((string name, Parameter r), (_, Parameter f)) in Trained(reference).Zip(Trained(flat)))
        {
            double difference = r.sub(f).abs().max().item<float>();
            double size = r.abs().max().item<float>();
            Assert.True(difference <= 1e-6 * Math.Max(1, size), $"{name}: max |difference| {difference:E2} after 6 steps");
        }

        // The moments match torch's state too (what a checkpoint stores).
        var states = torchAdam.state_dict().State.Cast<Adam.State>().ToArray();
        for (int i = 0; i < states.Length; i++)
        {
            Assert.True(states[i].exp_avg.allclose(parameters.Slice(flatAdam.ExpAvg, i), rtol: 1e-5, atol: 1e-8), parameters.Names[i]);
            Assert.True(states[i].exp_avg_sq.allclose(parameters.Slice(flatAdam.ExpAvgSq, i), rtol: 1e-5, atol: 1e-12), parameters.Names[i]);
        }
    }

    [Fact]
    public void Parameters_and_gradients_are_views_of_the_flat_buffers()
    {
        using LiifModel model = TinyModel();
        List<(string Name, Parameter Parameter)> trained = Trained(model);
        float[] before = trained[3].Parameter.data<float>().ToArray();
        using var flat = new FlatParameters(trained);
        Assert.Equal(trained.Sum(p => p.Parameter.numel()), flat.Values.numel());
        Assert.Equal(before, trained[3].Parameter.data<float>().ToArray());

        Tensor grads = flat.Grads!;
        using (var scope = NewDisposeScope())
        {
            Loss(model, 0);
            Assert.True(grads.abs().sum().item<float>() > 0, "backward must accumulate into the flat gradient buffer");
            Assert.True(trained[3].Parameter.grad!.eq(flat.Slice(grads, 3)).all().item<bool>());
            using (no_grad())
            {
                flat.Values.add_(1);
            }

            Assert.Equal(before.Select(x => x + 1), trained[3].Parameter.data<float>().ToArray());
            flat.ZeroGrads();
            Assert.Equal(0, trained[0].Parameter.grad!.abs().sum().item<float>());
            Loss(model, 1); // accumulates into the same buffer again
            Assert.True(trained[0].Parameter.grad!.eq(flat.Slice(grads, 0)).all().item<bool>());
            Assert.True(grads.abs().sum().item<float>() > 0);
        }
    }
}
