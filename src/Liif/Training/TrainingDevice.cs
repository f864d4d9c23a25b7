using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Training;

/// <summary>Turns the config's <c>device</c> (auto, cpu, cuda, cuda:N) into a TorchSharp device; auto takes CUDA when available.</summary>
public static class TrainingDevice
{
    public static Device Resolve(string name)
    {
        if (name == "auto")
        {
            return cuda.is_available() ? CUDA : CPU;
        }

        if (name == "cpu")
        {
            return CPU;
        }

        if (name.StartsWith("cuda", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
            {
                throw new ConfigException($"config: 'device' is {name} but no CUDA device is available to this build");
            }

            return new Device(name);
        }

        throw new ConfigException($"config: 'device' must be auto, cpu, cuda or cuda:N, got '{name}'");
    }

    /// <summary>For logs and provenance, e.g. "cpu (2 threads)".</summary>
    public static string Describe(Device device) => device.type == DeviceType.CPU
        ? $"cpu ({get_num_threads()} threads)"
        : $"{device} ({cuda.device_count()} visible)";
}
