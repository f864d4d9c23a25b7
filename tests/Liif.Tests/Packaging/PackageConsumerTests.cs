namespace Liif.Tests.Packaging;

/// <summary>
/// The package as a consumer gets it: <c>dotnet pack src/Liif</c> into a folder feed; a console project outside the
/// repository (so that the repository's Directory.Build.props and central package versions do not apply to it)
/// restores the package from that feed and its dependencies from the usual NuGet sources, builds, and upscales an
/// image with the README's three lines. On Debian 12 the run also proves that the package's buildTransitive step
/// patched the consumer's copy of TorchSharp's native library: unpatched, the process aborts when TorchSharp loads.
/// </summary>
public sealed class PackageConsumerTests
{
    private const string Program = """
        using Liif;
        using var upscaler = LiifUpscaler.Load();
        upscaler.UpscaleFile(args[0], args[1], 2);
        """;

    [Fact]
    public async Task A_console_project_restores_the_packed_library_from_a_folder_feed_and_upscales_an_image()
    {
        string work = Directory.CreateTempSubdirectory("liif-package-").FullName;
        Assert.False(work.StartsWith(RepositoryRoot.Path + Path.DirectorySeparatorChar, StringComparison.Ordinal),
            $"the consumer must live outside the repository, but the temporary folder {work} is inside it");
        try
        {
            // A version of its own, so that no Liif already in a packages folder (a developer's local-feed install of
            // 0.1.0) stands in for this build; the build's own bin and obj stay out of the checkout.
            string version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
            string feed = Path.Combine(work, "feed");
            await Dotnet(RepositoryRoot.Path, "pack", "src/Liif", "-o", feed, "--artifacts-path", Path.Combine(work, "artifacts"),
                $"-p:Version={version}", "-nologo", "-nodeReuse:false");

            // Liif unpacks into a packages folder of the consumer's own (deleted with it); everything else is found
            // where the repository's own restore put it, so the large TorchSharp packages are not unpacked again.
            File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config><add key="globalPackagesFolder" value="{Path.Combine(work, "packages")}" /></config>
                  <fallbackPackageFolders><add key="user" value="{UserPackagesFolder()}" /></fallbackPackageFolders>
                  <packageSources><add key="liif-feed" value="{feed}" /></packageSources>
                </configuration>
                """);
            string app = Directory.CreateDirectory(Path.Combine(work, "app")).FullName;
            File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Liif" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), Program);
            await Dotnet(app, "build", "-nologo", "-nodeReuse:false", "-o", Path.Combine(app, "out"));

            ImageU8 input = TestImages.Noise(24, 16, 3, seed: 12);
            ImageFile.Save(input, Path.Combine(work, "in.png"));
            await Dotnet(app, Path.Combine(app, "out", "Consumer.dll"), Path.Combine(work, "in.png"), Path.Combine(work, "out.png"));

            ImageU8 output = ImageFile.Load(Path.Combine(work, "out.png"));
            Assert.Equal((48, 32), (output.Width, output.Height));
            using var upscaler = LiifUpscaler.Load();
            Assert.Equal(upscaler.Upscale(input, TargetSize.Scale(2)).Pixels, output.Pixels);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The packages folder restores use when nothing says otherwise.</summary>
    private static string UserPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Runs <c>dotnet ARGS</c> in <paramref name="folder"/>; fails with its output when it does not exit 0.</summary>
    private static async Task Dotnet(string folder, params string[] args)
    {
        Dictionary<string, string> quiet = new() { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        (int exitCode, string output) = await ChildProcess.Run(folder, TimeSpan.FromMinutes(5), "dotnet", args, quiet);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', args)} exited {exitCode}:\n{output}");
    }
}
