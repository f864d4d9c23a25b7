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
    public void An_official_checkpoints_model_arguments_are_printed_in_one_order_in_every_run()
    {
        if (SharedData.Parity is null)
        {
            Assert.Skip(SharedData.MissingMessage);
        }

        // Each run is its own process, with its own string hashes: the unpickler's Hashtable order differs between them.
        const string Model = "model:       {\"name\":\"liif\",\"args\":{\"cell_decode\":true,"
            + "\"encoder_spec\":{\"name\":\"edsr-baseline\",\"args\":{\"n_feats\":16,\"n_resblocks\":2,\"no_upsampling\":true}},"
            + "\"feat_unfold\":true,\"imnet_spec\":{\"name\":\"mlp\",\"args\":{\"hidden_list\":[256,256,256,256],\"out_dim\":3}},"
            + "\"local_ensemble\":true}}";
        for (int run = 0; run < 3; run++)
        {
            CliRunner.Result r = CliRunner.Run("info", Path.Combine(SharedData.Parity, "tiny.pth"));
            Assert.True(r.ExitCode == 0, r.Error);
            Assert.Contains(Model, r.Out.Split('\n').Select(l => l.TrimEnd('\r')));
        }
    }

    [Fact]
    public void A_broken_file_is_one_line()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("x.safetensors"), "nonsense");
        CliRunner.AssertOneLineError(CliRunner.Run("info", dir.File("x.safetensors")), "x.safetensors");
    }

    [Fact]
    public void A_pipe_or_a_device_is_refused_before_it_is_opened()
    {
        // Opening a pipe blocks until a writer comes, and /dev/zero never ends: both must be refused unopened. A child
        // process, so that a regression times out instead of hanging the suite.
        using var dir = new TempFolder();
        string fifo = dir.File("model.safetensors");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        CliRunner.AssertOneLineError(CliRunner.Run("info", fifo), $"cannot read '{fifo}': it is a device, pipe or socket, not a file");
        CliRunner.AssertOneLineError(CliRunner.Run("info", "/dev/zero"), "cannot read '/dev/zero': it is a device, pipe or socket, not a file");
    }
}
