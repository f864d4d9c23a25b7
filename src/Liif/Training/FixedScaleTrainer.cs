using F = TorchSharp.torch.nn.functional;

namespace Liif.Training;

/// <summary>
/// A fixed-scale baseline's part of a training run (<c>srcnn</c>, <c>srresnet</c>; with <c>adversarial</c>, SRGAN):
/// samples from the <c>sr-fixed-scale-paired</c> wrapper (<see cref="FixedScaleCropSampler"/>: an HR crop of
/// inp_size × scale and its LR by Pillow bicubic), and per batch the content loss (pixel MSE/L1, or VGG54 features)
/// between the network's output and the HR crops, then Adam. With <c>adversarial</c> each step first updates the
/// discriminator (BCE: HR crops real, outputs fake), then the generator on content + weight × BCE(D(output), real);
/// the discriminator and its Adam are kept in <c>discriminator.safetensors</c>.
/// </summary>
internal sealed class FixedScaleTrainer : IModelTrainer
{
    /// <summary>SRGAN rescales VGG feature maps by 1/12.75 before the MSE.</summary>
    public const double VggScale = 1 / 12.75;

    private readonly TrainConfig _config;
    private readonly FixedScaleNetwork _network;
    private readonly FixedScaleCropSampler _sampler;
    private readonly ContentLoss _loss;
    private readonly ModelSpec? _discriminatorSpec;
    private readonly SrganDiscriminator? _discriminator;
    private readonly FlatAdam? _discriminatorOptimizer;
    private readonly Vgg19Features? _vgg;
    private readonly RecentLossMeans _means = new();

    public FixedScaleTrainer(TrainConfig config, FixedScaleNetwork network, Device device, RunFolder folder, bool resuming)
    {
        _config = config;
        _network = network;
        _loss = config.ContentLoss ?? ContentLoss.Mse;
        var wrapper = (FixedScalePairedWrapper)config.TrainDataset.Wrapper;
        _sampler = new FixedScaleCropSampler(wrapper.Args.InpSize, network.Scale, wrapper.Args.Augment, network.TakesUpsampledInput, config.DataNorm);
        if (_loss == ContentLoss.Vgg54)
        {
            _vgg = Vgg19Features.Load(config.Vgg!);
            _vgg.to(device);
        }

        if (config.Adversarial is AdversarialSection a)
        {
            _discriminatorSpec = a.Discriminator ?? new ModelSpec("srgan-discriminator", new() { ["patch_size"] = _sampler.HrSize });
            _discriminator = (SrganDiscriminator)ModelFactory.Make(_discriminatorSpec, "adversarial.discriminator");
            SeededInitialization.Apply(_discriminator, config.Seed + 1);
            using TrainingCheckpoint? saved = resuming ? TrainingCheckpoint.Load(folder.Discriminator) : null;
            saved?.RestoreModel(_discriminator);
            _discriminator.to(device);
            _discriminator.train();
            _discriminatorOptimizer = new FlatAdam(_discriminator, a.Optimizer.Args);
            saved?.RestoreOptimizer(_discriminatorOptimizer);
        }
    }

    /// <summary>What the weights stand for in tables: "SRCNN", "SRResNet", "SRGAN (MSE content loss)", ...</summary>
    public string Method
    {
        get
        {
            string paper = _config.Model.Name == "srcnn" ? "SRCNN" : "SRResNet";
            string content = _loss switch
            {
                ContentLoss.Vgg54 => "VGG54",
                ContentLoss.L1 => "L1",
                _ => "MSE",
            };
            return _discriminator is not null ? $"SRGAN ({content} content loss)"
                : _loss == ContentLoss.Mse ? paper : $"{paper} ({content} loss)";
        }
    }

    public (int Pixels, string Why) MinImageSide => (_sampler.HrSize, $"the HR crop, {_sampler.InpSize} × {_sampler.Scale}");

    public long OtherParameters => _discriminatorOptimizer?.Parameters.Values.numel() ?? 0;

    public IEnumerable<string> Notes
    {
        get
        {
            yield return $"{Method}; HR crops {_sampler.HrSize}px / LR {_sampler.InpSize}px (Pillow bicubic)"
                + (_network.TakesUpsampledInput ? ", input = LR bicubic-upscaled to the HR size" : "");
            yield return $"content loss {_loss.ToString().ToLowerInvariant()}"
                + (_config.Adversarial is AdversarialSection a
                    ? string.Create(CultureInfo.InvariantCulture, $" + {a.Weight:G3} x adversarial (BCE), discriminator Adam lr {a.Optimizer.Args.Lr:G3}")
                    : "");
            if (_means.Describe() is string means)
            {
                yield return means;
            }
        }
    }

    public IBatchSample Sample(ImageU8 image, DeterministicRandom rng) => _sampler.Sample(image, rng);

    /// <summary>One optimizer step (two with a discriminator); returns the generator's total loss.</summary>
    public double Step(TrainingBatch batch, FlatAdam optimizer, Device device)
    {
        using var scope = NewDisposeScope();
        Tensor[] t = batch.ToTensors(device);
        (Tensor input, Tensor target) = (t[0], t[1]);
        Tensor output = _network.call(input);
        if (_discriminator is null)
        {
            Tensor loss = Content(output, target);
            optimizer.ZeroGrad();
            loss.backward();
            optimizer.Step();
            double value = loss.item<float>();
            _means.Add(value, null, null);
            return value;
        }

        // Discriminator: HR crops are real, the generator's outputs (detached) fake.
        Tensor real = _discriminator.call(target);
        Tensor fake = _discriminator.call(output.detach());
        Tensor lossD = F.binary_cross_entropy_with_logits(real, ones_like(real))
            .add(F.binary_cross_entropy_with_logits(fake, zeros_like(fake)));
        _discriminatorOptimizer!.ZeroGrad();
        lossD.backward();
        _discriminatorOptimizer.Step();

        // Generator: content + weight × adversarial (fool the updated discriminator).
        Tensor judged = _discriminator.call(output);
        Tensor content = Content(output, target);
        Tensor adversarial = F.binary_cross_entropy_with_logits(judged, ones_like(judged));
        Tensor lossG = content.add(adversarial.mul(_config.Adversarial!.Weight));
        optimizer.ZeroGrad();
        lossG.backward();
        optimizer.Step();
        _means.Add(content.item<float>(), adversarial.item<float>(), lossD.item<float>());
        return lossG.item<float>();
    }

    public void Save(RunFolder folder, TrainingCheckpointState state, string configYaml)
    {
        if (_discriminator is not null)
        {
            TrainingCheckpoint.Save(folder.Discriminator, state, configYaml, _discriminatorSpec!, _discriminator, _discriminatorOptimizer!);
        }
    }

    public void Dispose()
    {
        _discriminatorOptimizer?.Dispose();
        _discriminator?.Dispose();
        _vgg?.Dispose();
    }

    private Tensor Content(Tensor output, Tensor target)
    {
        switch (_loss)
        {
            case ContentLoss.L1:
                return F.l1_loss(output, target);
            case ContentLoss.Vgg54:
                // VGG sees colours in [0, 1], whatever the data normalisation.
                Tensor fo = _vgg!.call(_config.DataNorm.DenormalizeOutput(output, 1)).mul(VggScale);
                Tensor ft;
                using (no_grad())
                {
                    ft = _vgg.call(_config.DataNorm.DenormalizeOutput(target, 1)).mul(VggScale);
                }

                return F.mse_loss(fo, ft);
            default:
                return F.mse_loss(output, target);
        }
    }
}
