using Liif.Interop;

namespace Liif.Models;

/// <summary>
/// The convolutional part of torchvision's <c>vgg19</c> up to relu5_4 (<c>features[:36]</c>, SRGAN's "VGG54": the
/// 4th convolution before the 5th max-pooling, after its activation), as a
/// frozen feature extractor for the perceptual content loss. Its weights come from a user-given torchvision state dict
/// (<c>features.N.weight</c> / <c>features.N.bias</c>, N = 0, 2, 5, ..., 34; other keys are ignored), read from a
/// PyTorch <c>.pth</c> (restricted unpickler: no code runs) or a safetensors file. The convolution widths are taken
/// from the file (64…512 for the real network), so the layout is checked rather than assumed. Input: colours in
/// [0, 1] (whatever the trained network's <c>data_norm</c>); they are mapped to ImageNet's normalisation first.
/// </summary>
internal sealed class Vgg19Features : nn.Module<Tensor, Tensor>
{
    /// <summary>torchvision's vgg19 configuration "E" up to conv5_4: widths, 0 for a max-pooling (the 5th pool is not used).</summary>
    private static readonly int[] s_layout = [64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512];
    private static readonly float[] s_imageNetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] s_imageNetStd = [0.229f, 0.224f, 0.225f];

    [ComponentName(Name = "features")]
    private readonly Sequential _features;

    /// <param name="widths">The 16 convolutions' output channels (torchvision: 64, 64, 128, 128, 256 ×4, 512 ×8).</param>
    private Vgg19Features(IReadOnlyList<int> widths) : base(nameof(Vgg19Features))
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        int channels = 3, conv = 0;
        foreach (int entry in s_layout)
        {
            if (entry == 0)
            {
                layers.Add(nn.MaxPool2d(2, 2));
                continue;
            }

            layers.Add(nn.Conv2d(channels, widths[conv], 3, padding: 1));
            channels = widths[conv++];
            layers.Add(nn.ReLU());
        }

        _features = nn.Sequential(layers);
        RegisterComponents();
        foreach (Parameter p in parameters())
        {
            p.requires_grad = false;
        }

        eval();
    }

    /// <summary>Indices of the convolutions in torchvision's <c>vgg19().features</c>.</summary>
    public static IReadOnlyList<int> ConvIndices { get; } = [0, 2, 5, 7, 10, 12, 14, 16, 19, 21, 23, 25, 28, 30, 32, 34];

    /// <summary>x: B×3×H×W colours in [0, 1] → B×C5×(H/16)×(W/16) features (C5 = 512 for the real network).</summary>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        Tensor mean = tensor(s_imageNetMean, device: x.device).view(1, 3, 1, 1);
        Tensor std = tensor(s_imageNetStd, device: x.device).view(1, 3, 1, 1);
        Tensor imageNet = x.sub(mean).div(std);
        return _features.call(imageNet).MoveToOuterDisposeScope();
    }

    /// <summary>Builds the extractor from a torchvision vgg19 state dict file; a bad file is a one-line <see cref="CheckpointException"/>.</summary>
    public static Vgg19Features Load(string path)
    {
        string name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new CheckpointException($"VGG19 weights '{path}' not found");
        }

        Dictionary<string, Tensor> state = ReadStateDict(path);
        try
        {
            var widths = new List<int>();
            long inChannels = 3;
            foreach (int index in ConvIndices)
            {
                string key = $"features.{index}";
                if (!state.TryGetValue(key + ".weight", out Tensor? w) || !state.ContainsKey(key + ".bias"))
                {
                    throw new CheckpointException($"'{name}' is not a torchvision vgg19 state dict: '{key}.weight' or '{key}.bias' is missing");
                }

                if (w.dim() != 4 || w.shape[1] != inChannels || w.shape[2] != 3 || w.shape[3] != 3 || state[key + ".bias"].numel() != w.shape[0])
                {
                    throw new CheckpointException($"'{name}': '{key}.weight' has shape [{string.Join("x", w.shape)}], expected [out x {inChannels} x 3 x 3] with a bias of 'out'");
                }

                widths.Add((int)w.shape[0]);
                inChannels = w.shape[0];
            }

            var network = new Vgg19Features(widths);
            Dictionary<string, Tensor> expected = network.state_dict();
            var used = state.Where(p => expected.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => p.Value);
            StateDictLoader.LoadStrict(network, used, name);
            return network;
        }
        finally
        {
            StateDictLoader.Dispose(state);
        }
    }

    private static Dictionary<string, Tensor> ReadStateDict(string path) =>
        path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)
            ? SafetensorsFile.Read(path).Tensors
            : OfficialCheckpoint.Float32Tensors(OfficialCheckpoint.Unpickle(path, "state dict"));
}
