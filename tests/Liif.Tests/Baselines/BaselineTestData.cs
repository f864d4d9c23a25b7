using System.Text.Json.Nodes;

namespace Liif.Tests.Baselines;

/// <summary>Small images, tiny baseline model files and tiny training configs for the baseline tests.</summary>
internal static class BaselineTestData
{
    /// <summary>A smooth colourful pattern with some detail (stripes and rings), deterministic.</summary>
    public static ImageU8 Pattern(int width, int height, int seed = 0)
    {
        var image = new ImageU8(width, height, 3);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                double r = Math.Sqrt((x - width / 2.0) * (x - width / 2.0) + (y - height / 3.0) * (y - height / 3.0));
                image.Pixels[i] = (byte)(127 + 120 * Math.Sin(0.35 * x + seed));
                image.Pixels[i + 1] = (byte)(127 + 120 * Math.Cos(0.5 * r));
                image.Pixels[i + 2] = (byte)((x * 3 + y * 5 + seed * 40) % 256);
            }
        }

        return image;
    }

    /// <summary>A folder of <paramref name="count"/> PNG patterns.</summary>
    public static string ImageFolder(TempFolder temp, string name, int count, int width, int height)
    {
        string dir = Directory.CreateDirectory(temp.File(name)).FullName;
        for (int i = 0; i < count; i++)
        {
            ImageFile.Save(Pattern(width, height, i), Path.Combine(dir, $"img{i:D2}.png"));
        }

        return dir;
    }

    public static ModelSpec TinySrResNetSpec(int scale = 2) =>
        new("srresnet", new JsonObject { ["scale"] = scale, ["n_resblocks"] = 1, ["n_feats"] = 8 });

    public static ModelSpec SrcnnSpec(int scale = 2) => new("srcnn", new JsonObject { ["scale"] = scale });

    /// <summary>Saves a randomly initialised fixed-scale model with the given provenance method.</summary>
    public static string SaveModel(TempFolder temp, string file, ModelSpec spec, string? method = null)
    {
        TorchSharp.torch.manual_seed(3);
        using FixedScaleNetwork network = (FixedScaleNetwork)ModelFactory.Make(spec);
        string path = temp.File(file);
        ModelFile.Save(path, spec, network, DataNormalization.Default, new ModelProvenance { Source = "test", Method = method, Iterations = 0 });
        return path;
    }

    /// <summary>A training config for a tiny run on <paramref name="data"/> (the YAML the CLI reads).</summary>
    public static string TrainYaml(string data, ModelSpec model, int inpSize, string extra = "") => $$"""
        train_dataset:
          dataset:
            name: image-folder
            args: {root_path: {{data}}, repeat: 1, cache: in_memory}
          wrapper:
            name: sr-fixed-scale-paired
            args: {inp_size: {{inpSize}}, augment: true}
          batch_size: 2
        model: {{model.ToJson().ToJsonString()}}
        optimizer:
          name: adam
          args: {lr: 1.e-3}
        epoch_max: 1
        epoch_val: 0
        workers: 1
        {{extra}}
        """;
}
