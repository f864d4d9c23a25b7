namespace Liif.Inference;

/// <summary>
/// The one parser of device names, for the command line and the training config alike: cpu, cuda, cuda:N, or auto
/// (CUDA when TorchSharp sees a device, else the CPU).
/// </summary>
internal static class ComputeDevice
{
    /// <summary>The accepted names, for help texts and messages.</summary>
    public const string Names = "cpu, cuda, cuda:N or auto";

    /// <summary>Whether <paramref name="name"/> is spelled like a device, without asking whether CUDA is there.</summary>
    public static bool IsName(string name) => Ordinal(name.Trim().ToLowerInvariant()) is not null;

    /// <summary>The device named, checking that a CUDA device is really there; a <see cref="LiifException"/> otherwise.</summary>
    public static Device Parse(string name)
    {
        string n = name.Trim().ToLowerInvariant();
        int? index = Ordinal(n) ?? throw new LiifException($"bad device '{name}' (use {Names})");
        if (n == "cpu")
        {
            return CPU;
        }

        // A CUDA libtorch (an installed PyTorch's) must be loaded before TorchSharp's first look at CUDA.
        CudaLibTorch.Search search = CudaLibTorch.Load();
        if (!cuda.is_available())
        {
            return n == "auto" ? CPU
                : throw new LiifException(search.Found
                    ? $"device '{name}': the CUDA libtorch of {search.Folder} is loaded, but it sees no CUDA device (check the driver with nvidia-smi)"
                    : search.Explain(name));
        }

        if (n == "auto")
        {
            return CUDA;
        }

        if (index >= cuda.device_count())
        {
            throw new LiifException($"device '{name}': only {cuda.device_count()} CUDA device(s) present");
        }

        return new Device(DeviceType.CUDA, index.Value);
    }

    /// <summary>For logs and provenance: "cpu (2 threads)" or "cuda:0 (1 visible)".</summary>
    public static string Describe(Device device) =>
        device.type == DeviceType.CPU ? DescribeCpu(get_num_threads()) : $"{device} ({cuda.device_count()} visible)";

    internal static string DescribeCpu(int threads) => $"cpu ({threads} thread{(threads == 1 ? "" : "s")})";

    /// <summary>The CUDA ordinal of a valid name (-1 for cpu and auto), or null when the name is not a device.</summary>
    private static int? Ordinal(string n) => n switch
    {
        "cpu" or "auto" => -1,
        "cuda" => 0,
        _ when n.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(n.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int i) => i,
        _ => null,
    };
}
