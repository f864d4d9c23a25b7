namespace Liif.Training;

/// <summary>The config's <c>device</c> as a TorchSharp device (<see cref="ComputeDevice"/>), its errors as config errors.</summary>
internal static class TrainingDevice
{
    public static Device Resolve(string name)
    {
        try
        {
            return ComputeDevice.Parse(name);
        }
        catch (LiifException e)
        {
            throw new ConfigException($"config: 'device': {e.Message}", e);
        }
    }
}
