using System.Text.Json.Nodes;

namespace Liif.Tests.Cli;

public sealed class InfoCommandTests
{
    [Fact]
    public void Shows_spec_parameters_and_provenance()
    {
        using var dir = new TempFolder();
        string model = TestModels.SaveTiny(dir.Path);
        CliRunner.Result r = CliRunner.Run("info", model, "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        JsonNode info = JsonNode.Parse(r.Out)!;
        Assert.Equal("liif", info["spec"]!["name"]!.GetValue<string>());
        Assert.Equal(3, info["provenance"]!["iterations"]!.GetValue<long>());
        Assert.True(info["trainable_parameters"]!.GetValue<long>() > 0);
    }

    [Fact]
    public void A_broken_file_is_one_line()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("x.safetensors"), "nonsense");
        CliRunner.AssertOneLineError(CliRunner.Run("info", dir.File("x.safetensors")), "x.safetensors");
    }
}
