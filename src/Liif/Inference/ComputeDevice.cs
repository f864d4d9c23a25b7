using TorchSharp;
using static TorchSharp.torch;

namespace Liif.Inference;

/// <summary>Turns "cpu" / "cuda" / "cuda:N" into a TorchSharp device, checking that CUDA is really there.</summary>
public static class ComputeDevice
{
    public static Device Parse(string name)
    {
        string n = name.Trim().ToLowerInvariant();
        if (n == "cpu")
        {
            return CPU;
        }

        if (n == "cuda" || n.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
            {
                throw new LiifException("--device cuda: TorchSharp sees no CUDA device here (this build ships the CPU libtorch; see ../shared/gpu/README.md for running on a GPU machine)");
            }

            int index = n == "cuda" ? 0 : int.TryParse(n.AsSpan(5), out int i) && i >= 0 ? i : throw new LiifException($"bad device '{name}' (use cpu, cuda or cuda:N)");
            if (index >= cuda.device_count())
            {
                throw new LiifException($"--device {name}: only {cuda.device_count()} CUDA device(s) present");
            }

            return new Device(DeviceType.CUDA, index);
        }

        throw new LiifException($"bad device '{name}' (use cpu, cuda or cuda:N)");
    }
}
