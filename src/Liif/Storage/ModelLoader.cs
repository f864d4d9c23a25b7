using Liif.Interop;

namespace Liif.Storage;

/// <summary>Opens a model file of either kind (official PyTorch <c>.pth</c> or our safetensors model file) by its content.</summary>
internal static class ModelLoader
{
    public static LoadedModel Load(string path)
    {
        string name = Path.GetFileName(path);
        if (Directory.Exists(path))
        {
            throw new CheckpointException($"'{path}' is a folder, not a model file");
        }

        if (!File.Exists(path))
        {
            throw new CheckpointException($"model file '{path}' not found");
        }

        ModelSpec spec;
        DataNormalization norm = DataNormalization.Default;   // the official code's; its checkpoints do not record it
        ModelProvenance provenance;
        Dictionary<string, Tensor> state;
        if (IsZip(path))
        {
            (spec, state) = OfficialCheckpoint.Read(path);
            provenance = new ModelProvenance { Source = $"official PyTorch checkpoint {name}" };
        }
        else
        {
            (spec, norm, provenance, state) = ModelFile.Read(path);
        }

        nn.Module module;
        try
        {
            module = ModelFactory.Make(spec);
        }
        catch (ModelSpecException e)
        {
            throw new CheckpointException($"'{name}': {e.Message}", e);
        }

        try
        {
            StateDictLoader.LoadStrict(module, state, name);
        }
        catch
        {
            module.Dispose();
            throw;
        }
        finally
        {
            foreach (Tensor t in state.Values)
            {
                t.Dispose();
            }
        }

        module.eval();
        return new LoadedModel(spec, module, norm, provenance, path);
    }

    private static bool IsZip(string path)
    {
        using FileStream f = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return f.Read(magic) == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    }
}
