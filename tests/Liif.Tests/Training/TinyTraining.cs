using System.Text.Json.Nodes;

namespace Liif.Tests.Training;

/// <summary>
/// A temporary folder with small synthetic training and validation images and a tiny LIIF config (1 residual block
/// of 8 features, MLP 16×16, 16² LR crops at x1–x2, 64 queries, batch 4), so that a training step takes milliseconds.
/// </summary>
internal sealed class TinyTraining : IDisposable
{
    public TinyTraining(int images = 8, int size = 40)
    {
        Root = Directory.CreateTempSubdirectory("liif-train-test-").FullName;
        DataDir = Path.Combine(Root, "train");
        ValDir = Path.Combine(Root, "val");
        Directory.CreateDirectory(DataDir);
        Directory.CreateDirectory(ValDir);
        for (int i = 0; i < images; i++)
        {
            ImageFile.Save(Pattern(size, size, i), Path.Combine(DataDir, $"{i:D4}.png"));
        }

        ImageFile.Save(Pattern(24, 20, 100), Path.Combine(ValDir, "a.png"));
        ImageFile.Save(Pattern(20, 28, 101), Path.Combine(ValDir, "b.png"));
    }

    public string Root { get; }

    public string DataDir { get; }

    public string ValDir { get; }

    public string RunDir(string name) => Path.Combine(Root, name);

    /// <summary>The tiny config as YAML; <paramref name="extra"/> lines are appended at the top level; <paramref name="hidden"/> is the MLP's hidden_list.</summary>
    public string ConfigYaml(int epochs = 10, int repeat = 2, string extra = "", string hidden = "16, 16") => $$"""
        train_dataset:
          dataset:
            name: image-folder
            args: {root_path: '{{DataDir}}', repeat: {{repeat}}, cache: in_memory}
          wrapper:
            name: sr-implicit-downsampled
            args: {inp_size: 16, scale_max: 2, augment: true, sample_q: 64}
          batch_size: 4
        val_dataset:
          dataset:
            name: image-folder
            args: {root_path: '{{ValDir}}'}
          wrapper:
            name: sr-downsampled-whole
            args: {scale: 2}
        data_norm:
          inp: {sub: [0.5], div: [0.5]}
          gt: {sub: [0.5], div: [0.5]}
        model:
          name: liif
          args:
            encoder_spec:
              name: edsr-baseline
              args: {n_resblocks: 1, n_feats: 8, no_upsampling: true}
            imnet_spec:
              name: mlp
              args: {out_dim: 3, hidden_list: [{{hidden}}]}
        optimizer:
          name: adam
          args: {lr: 1.e-3}
        epoch_max: {{epochs}}
        epoch_val: 1
        epoch_save: 1
        workers: 1
        device: cpu
        {{extra}}
        """;

    /// <summary>The tiny config with <c>key.path=value</c> overrides, as <c>--set</c> applies them.</summary>
    public TrainConfig Config(int epochs = 10, int repeat = 2, string extra = "", params string[] set)
    {
        JsonObject tree = YamlTree.Parse(ConfigYaml(epochs, repeat, extra), "tiny.yaml");
        ConfigOverrides.Apply(tree, set);
        return TrainConfig.FromTree(tree);
    }

    public string WriteConfig(int epochs = 10, int repeat = 2, string extra = "", string hidden = "16, 16")
    {
        string path = Path.Combine(Root, "tiny.yaml");
        File.WriteAllText(path, ConfigYaml(epochs, repeat, extra, hidden));
        return path;
    }

    /// <summary>Smooth colour gradients with a disc: structure a tiny model can learn quickly.</summary>
    public static ImageU8 Pattern(int width, int height, int seed)
    {
        var random = new Random(seed);
        double fx = random.NextDouble() * 0.3 + 0.05, fy = random.NextDouble() * 0.3 + 0.05;
        double cx = random.Next(width), cy = random.Next(height), radius = random.Next(4, 12);
        var image = new ImageU8(width, height, 3);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                bool disc = (x - cx) * (x - cx) + (y - cy) * (y - cy) < radius * radius;
                image.Pixels[i] = (byte)(127 + 120 * Math.Sin(fx * x + seed));
                image.Pixels[i + 1] = (byte)(127 + 120 * Math.Cos(fy * y));
                image.Pixels[i + 2] = disc ? (byte)230 : (byte)(x * 255 / width);
            }
        }

        return image;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
