using Liif.Tests.Cli;

namespace Liif.Tests.Inference;

public sealed class CudaLibTorchTests
{
    private static (string?, string) NoPython() => (null, "not found on the PATH");

    /// <summary>A fake site-packages/torch with a lib folder holding the named (empty) libraries and a version.py.</summary>
    private static string FakeTorch(TempFolder dir, string version, params string[] libraries)
    {
        string lib = dir.Folder("torch/lib");
        foreach (string name in libraries)
        {
            File.WriteAllBytes(Path.Combine(lib, name), []);
        }

        File.WriteAllText(dir.File("torch/version.py"), $"__version__: str = '{version}'\ndebug = False\n");
        return lib;
    }

    [Fact]
    public void The_variable_wins_and_the_version_is_read_beside_it()
    {
        using var dir = new TempFolder();
        string lib = FakeTorch(dir, "2.11.0+cu128", "libtorch_cuda.so", "libtorch.so", "libtorch_cpu.so");
        bool asked = false;
        CudaLibTorch.Search s = CudaLibTorch.Find(lib, () => { asked = true; return NoPython(); });
        Assert.True(s.Found);
        Assert.Equal((lib, "2.11.0+cu128"), (s.Folder, s.PyTorchVersion));
        Assert.False(asked);   // python3 is not started when the variable answers
    }

    [Fact]
    public void A_bad_variable_falls_back_to_python_and_is_reported()
    {
        using var dir = new TempFolder();
        string lib = FakeTorch(dir, "2.10.0", "libtorch_cuda.so", "libtorch.so");
        CudaLibTorch.Search s = CudaLibTorch.Find("/nowhere/torch/lib", () => (lib, ""));
        Assert.Equal(lib, s.Folder);
        Assert.Equal(["LIIF_LIBTORCH=/nowhere/torch/lib: no such folder"], s.Tried);
    }

    [Fact]
    public void Nothing_found_explains_every_place_searched_and_the_fix_in_one_line()
    {
        using var dir = new TempFolder();
        string cpuOnly = FakeTorch(dir, "1.13.0a0", "libtorch_cpu.so", "libtorch.so");
        CudaLibTorch.Search s = CudaLibTorch.Find(null, () => (cpuOnly, ""));
        Assert.False(s.Found);
        string message = s.Explain("cuda");
        Assert.StartsWith("device 'cuda' needs a CUDA build of libtorch, and none was found (searched: ", message);
        Assert.DoesNotContain('\n', message);
        Assert.Contains("LIIF_LIBTORCH: not set", message);
        Assert.Contains($"python3: PyTorch 1.13.0a0 at {cpuOnly}: a CPU-only libtorch (no libtorch_cuda.so)", message);
        Assert.Contains("set LIIF_LIBTORCH to its torch/lib folder", message);

        CudaLibTorch.Search none = CudaLibTorch.Find("", NoPython);
        Assert.Equal(["LIIF_LIBTORCH: not set", "python3: not found on the PATH"], none.Tried);
    }

    [Fact]
    public void A_folder_without_libtorch_so_is_not_enough()
    {
        using var dir = new TempFolder();
        string lib = FakeTorch(dir, "2.11.0", "libtorch_cuda.so");
        CudaLibTorch.Search s = CudaLibTorch.Find(lib, NoPython);
        Assert.False(s.Found);
        Assert.Contains($"LIIF_LIBTORCH={lib}: no libtorch.so", s.Tried);
    }

    [Fact]
    public void The_real_python3_probe_answers_on_this_machine()
    {
        // Whatever python3 is installed here, the real search ends with an answer and, without CUDA, a clear reason.
        CudaLibTorch.Search s = CudaLibTorch.Find(null, () => CudaLibTorch.ProbePython());
        if (!s.Found)
        {
            Assert.StartsWith("python3: ", s.Tried[^1]);
        }
    }

    [Fact]
    public void Device_cuda_without_a_cuda_libtorch_is_one_clear_error_from_the_cli()
    {
        using var dir = new TempFolder();
        string input = dir.File("in.png");
        ImageFile.Save(TestImages.Noise(8, 6, 3, seed: 1), input);
        CliRunner.Result r = CliRunner.Run(new Dictionary<string, string> { ["LIIF_LIBTORCH"] = "/nowhere/torch/lib" },
            "upscale", input, "-o", dir.File("out.png"), "--scale", "2", "--device", "cuda");
        CliRunner.AssertOneLineError(r, "device 'cuda' needs a CUDA build of libtorch, and none was found");
        Assert.Contains("LIIF_LIBTORCH=/nowhere/torch/lib: no such folder; python3: ", r.Error);
        Assert.False(File.Exists(dir.File("out.png")));
    }
}
