using System.Text.Json.Nodes;

namespace Liif.Tests;

/// <summary>Tiny LIIF models (and their files) for fast tests.</summary>
internal static class TestModels
{
    public static ModelSpec TinySpec(int features = 8, int blocks = 1) => ModelSpec.FromJson(JsonNode.Parse("""
        {"name": "liif", "args": {
          "encoder_spec": {"name": "edsr-baseline", "args": {"no_upsampling": true, "n_resblocks": BLOCKS, "n_feats": FEATURES}},
          "imnet_spec": {"name": "mlp", "args": {"out_dim": 3, "hidden_list": [16, 16]}}}}
        """.Replace("BLOCKS", blocks.ToString()).Replace("FEATURES", features.ToString())));

    /// <summary>Writes a tiny random model in our format and returns its path.</summary>
    public static string SaveTiny(string folder, int features = 8, string name = "tiny.safetensors")
    {
        TorchSharp.torch.manual_seed(7);
        ModelSpec spec = TinySpec(features);
        using LiifModel model = (LiifModel)ModelFactory.Make(spec);
        string path = Path.Combine(folder, name);
        ModelFile.Save(path, spec, model, DataNormalization.Default, new ModelProvenance { Source = "test", Iterations = 3, TrainingData = "none" });
        return path;
    }

    /// <summary>models/edsr-baseline-liif.safetensors of the checkout the tests run from, or null.</summary>
    public static string? ShippedDefaultModel()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "models", "edsr-baseline-liif.safetensors");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A temporary folder removed when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("liif-test-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
