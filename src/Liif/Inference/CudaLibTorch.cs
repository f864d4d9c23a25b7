using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Liif.Inference;

/// <summary>
/// Finds a CUDA build of libtorch on this machine and loads it before TorchSharp does. The NuGet TorchSharp-cpu
/// package brings only the CPU libtorch; many GPU owners already have PyTorch, whose <c>torch/lib</c> holds the CUDA
/// libtorch that TorchSharp's own <c>libLibTorchSharp.so</c> can run on (its libraries are found by their sonames, so
/// loading PyTorch's first makes TorchSharp bind to them instead of the CPU copies beside the app). Searched in order:
/// <list type="number">
/// <item><c>$LIIF_LIBTORCH</c>: a <c>torch/lib</c> folder;</item>
/// <item>the PyTorch of <c>python3</c> on the PATH (located without importing it, which takes seconds).</item>
/// </list>
/// This must run before the first TorchSharp call of the process: once the CPU libtorch is loaded, CUDA cannot be.
/// </summary>
internal static class CudaLibTorch
{
    public const string EnvironmentVariable = "LIIF_LIBTORCH";

    /// <summary>The PyTorch versions this TorchSharp build (libtorch 2.10) is known to run on.</summary>
    public const string SupportedPyTorch = "2.10 or 2.11";

    /// <summary>The library that makes a torch/lib folder a CUDA one.</summary>
    public const string CudaLibrary = "libtorch_cuda.so";

    private static readonly Lock s_gate = new();
    private static string? s_loaded;

    /// <summary>Where the search found a CUDA libtorch, or what it looked at and why each failed.</summary>
    public sealed record Search(string? Folder, string? PyTorchVersion, IReadOnlyList<string> Tried)
    {
        public bool Found => Folder is not null;

        /// <summary>One line for the user: what was searched and how to make it work.</summary>
        public string Explain(string device) =>
            $"device '{device}' needs a CUDA build of libtorch, and none was found (searched: {string.Join("; ", Tried)}). "
            + $"Install PyTorch {SupportedPyTorch} with CUDA for the python3 on your PATH, or set {EnvironmentVariable} to its torch/lib folder";
    }

    /// <summary>Searches <c>$LIIF_LIBTORCH</c> (<paramref name="variable"/>), then python3's PyTorch.</summary>
    public static Search Find(string? variable, Func<(string? Folder, string Failure)> python)
    {
        var tried = new List<string>();
        if (variable is { Length: > 0 })
        {
            if (Check(variable) is string problem)
            {
                tried.Add($"{EnvironmentVariable}={variable}: {problem}");
            }
            else
            {
                return new Search(variable, VersionOf(variable), tried);
            }
        }
        else
        {
            tried.Add($"{EnvironmentVariable}: not set");
        }

        (string? folder, string failure) = python();
        if (folder is null)
        {
            tried.Add($"python3: {failure}");
        }
        else if (Check(folder) is string problem)
        {
            string version = VersionOf(folder) is string v ? $"PyTorch {v} " : "PyTorch ";
            tried.Add($"python3: {version}at {folder}: {problem}");
        }
        else
        {
            return new Search(folder, VersionOf(folder), tried);
        }

        return new Search(null, null, tried);
    }

    /// <summary>
    /// Loads the CUDA libtorch found by <see cref="Find"/>, once per process; returns the search (check
    /// <see cref="Search.Found"/>). Call it before anything else touches TorchSharp.
    /// </summary>
    public static Search Load()
    {
        lock (s_gate)
        {
            if (s_loaded is not null)
            {
                return new Search(s_loaded, VersionOf(s_loaded), []);
            }

            if (LoadedCpuLibTorch() is string cpu)
            {
                // Loading a second libtorch beside the first would mix two builds in one process.
                return new Search(null, null, [$"TorchSharp had already loaded the CPU libtorch of {cpu}: choose the device before anything else runs"]);
            }

            Search search = Find(Environment.GetEnvironmentVariable(EnvironmentVariable), ProbePython);
            if (search.Found)
            {
                // libtorch_cuda first (its own CUDA runtime dependencies resolve through its RUNPATH), then libtorch,
                // which needs it: libLibTorchSharp then binds to these by soname.
                NativeLibrary.Load(Path.Combine(search.Folder!, CudaLibrary));
                NativeLibrary.Load(Path.Combine(search.Folder!, "libtorch.so"));
                s_loaded = search.Folder;
            }

            return search;
        }
    }

    /// <summary>The folder of the libtorch already mapped into this process (by TorchSharp, before any CUDA search), if any.</summary>
    private static string? LoadedCpuLibTorch()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        string? line = File.ReadLines(maps).FirstOrDefault(l => l.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal));
        return line is null ? null : Path.GetDirectoryName(line[line.IndexOf('/')..]);
    }

    /// <summary>Why <paramref name="folder"/> is not a CUDA torch/lib folder, or null when it is one.</summary>
    private static string? Check(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return "no such folder";
        }

        if (!File.Exists(Path.Combine(folder, CudaLibrary)))
        {
            return File.Exists(Path.Combine(folder, "libtorch_cpu.so")) ? $"a CPU-only libtorch (no {CudaLibrary})" : $"no {CudaLibrary}";
        }

        return File.Exists(Path.Combine(folder, "libtorch.so")) ? null : "no libtorch.so";
    }

    /// <summary>The PyTorch version from <c>torch/version.py</c> beside a torch/lib folder, if there is one.</summary>
    private static string? VersionOf(string libFolder)
    {
        string file = Path.Combine(libFolder, "..", "version.py");
        if (!File.Exists(file))
        {
            return null;
        }

        Match m = Regex.Match(File.ReadAllText(file), @"^__version__(?:\s*:\s*str)?\s*=\s*['""]([^'""]+)['""]", RegexOptions.Multiline);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>
    /// The torch/lib folder of python3's PyTorch, found with importlib's spec lookup: importing torch itself would
    /// take seconds and initialise CUDA in the child process.
    /// </summary>
    internal static (string? Folder, string Failure) ProbePython()
    {
        const string probe = "import importlib.util, os\ns = importlib.util.find_spec('torch')\n"
            + "print(os.path.join(os.path.dirname(s.origin), 'lib') if s and s.origin else '')";
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(probe);
        try
        {
            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd().Trim();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(10_000))
            {
                process.Kill();
                return (null, "did not answer within 10 s");
            }

            return process.ExitCode != 0 ? (null, $"exited with code {process.ExitCode}")
                : output.Length == 0 ? (null, "has no torch module") : (output, "");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "not found on the PATH");
        }
    }
}
