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

        InputFile.Check(path, message => new CheckpointException(message));
        if (IsZip(path))
        {
            (ModelSpec spec, Dictionary<string, Tensor> state) = OfficialCheckpoint.Read(path);
            // The official code's normalisation: its checkpoints do not record it.
            var provenance = new ModelProvenance { Source = $"official PyTorch checkpoint {name}" };
            return Build((spec, DataNormalization.Default, provenance, state), path);
        }

        return Build(ModelFile.Read(InputFile.ReadAllBytes(path, message => new CheckpointException(message)), name), path);
    }

    /// <summary>
    /// An official checkpoint is a zip archive. Only its 4-byte signature is read here: the unpickler reads the file.
    /// </summary>
    private static bool IsZip(string path)
    {
        using FileStream f = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return f.Read(magic) == 4 && magic is [(byte)'P', (byte)'K', 3, 4];
    }

    /// <summary>Builds the module a read model file describes and copies its weights in (disposing the read tensors).</summary>
    public static LoadedModel Build(
        (ModelSpec Spec, DataNormalization DataNorm, ModelProvenance Provenance, Dictionary<string, Tensor> State) read,
        string path)
    {
        string name = Path.GetFileName(path);
        nn.Module module;
        try
        {
            module = ModelFactory.Make(read.Spec);
        }
        catch (ModelSpecException e)
        {
            throw new CheckpointException($"'{name}': {e.Message}", e);
        }

        try
        {
            StateDictLoader.LoadStrict(module, read.State, name);
        }
        catch
        {
            module.Dispose();
            throw;
        }
        finally
        {
            StateDictLoader.Dispose(read.State);
        }

        module.eval();
        return new LoadedModel(read.Spec, module, read.DataNorm, read.Provenance, path);
    }
}
