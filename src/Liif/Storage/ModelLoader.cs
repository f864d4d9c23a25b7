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

        byte[] bytes = InputFile.ReadAllBytes(path, message => new CheckpointException(message));
        if (bytes is [(byte)'P', (byte)'K', 3, 4, ..])
        {
            // An official checkpoint is a zip archive, which the unpickler reads from the file itself.
            (ModelSpec spec, Dictionary<string, Tensor> state) = OfficialCheckpoint.Read(path);
            // The official code's normalisation: its checkpoints do not record it.
            var provenance = new ModelProvenance { Source = $"official PyTorch checkpoint {name}" };
            return Build((spec, DataNormalization.Default, provenance, state), path);
        }

        return Build(ModelFile.Read(bytes, name), path);
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
