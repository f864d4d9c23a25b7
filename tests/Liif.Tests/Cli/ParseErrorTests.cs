namespace Liif.Tests.Cli;

/// <summary>
/// System.CommandLine parses every option into its type with the library's parsers: a bad value is a one-line parse
/// error (exit code 2) naming the value, before any work, and never a .NET type name.
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class ParseErrorTests(CliFixture files) : IClassFixture<CliFixture>
{
    [Theory]
    [InlineData(new[] { "frobnicate" }, "error: Unrecognized command or argument 'frobnicate'. (see 'liif --help')")]
    [InlineData(new[] { "upscale", "a.png", "-o", "b.png", "--scale" }, "error: Required argument missing for option: '--scale'. (see 'liif upscale --help')")]
    [InlineData(new[] { "eval", "--scales", "4" }, "(see 'liif eval --help')")]
    [InlineData(new[] { "bench", "--repeat", "many" }, "error: bad --repeat 'many' (a whole number of at least 1) (see 'liif bench --help')")]
    public void Command_line_errors_are_one_line_with_exit_code_2(string[] args, string expected)
    {
        CliHarness.Outcome outcome = CliHarness.Run(args);

        Assert.Equal(2, outcome.Code);
        string line = Assert.Single(outcome.ErrLines);
        Assert.Contains(expected, line);
        Assert.Equal("", outcome.Out);
    }

    [Theory]
    [InlineData("upscale a.png -o b.png --scale 0", "bad scale '0'")]
    [InlineData("upscale a.png -o b.png --size 0x10", "bad size '0x10'")]
    [InlineData("upscale a.png -o b.png --scale 2 --max-queries abc", "bad --max-queries 'abc' (a whole number of at least 1)")]
    [InlineData("upscale a.png -o b.png --scale 2 --tile-size 8", "bad --tile-size '8' (a whole number of at least 16)")]
    [InlineData("upscale a.png -o b.png --scale 2 --max-megapixels 0", "bad --max-megapixels '0' (a number above 0)")]
    [InlineData("upscale a.png -o b.png --scale 2 --device tpu", "bad device 'tpu' (use cpu, cuda, cuda:N or auto)")]
    [InlineData("upscale a.png -o b.png --scale 2 --device cuda:x", "bad device 'cuda:x'")]
    [InlineData("upscale a.png -o b.png --scale 2 --precision fp8", "bad precision 'fp8' (use auto, fp32 or bf16)")]
    [InlineData("upscale a.png -o b.png --scale 2 --size 4x4", "give exactly one of --scale S|SxT or --size WxH")]
    [InlineData("upscale a.png --scale 2", "give exactly one of -o/--output PATH or --out-dir DIR")]
    [InlineData("eval --data {set} --limit abc", "bad --limit 'abc' (a whole number of at least 1)")]
    [InlineData("eval --data {set} --scales 2,2", "scale 2 is listed twice")]
    [InlineData("eval --data {set} --protocol rgb", "bad protocol 'rgb'")]
    [InlineData("eval --data {set} --lr-kernel lanczos", "bad LR kernel 'lanczos'")]
    [InlineData("eval --data no-such-folder", "dataset folder 'no-such-folder' not found")]
    [InlineData("metrics a.png b.png --scale -1", "bad --scale '-1' (a number above 0)")]
    [InlineData("compare a.png --scale 1", "bad --scale '1' (a number above 1")]
    [InlineData("compare a.png --crop 1,2", "bad crop '1,2'")]
    [InlineData("compare a.png --models bicubic,,x", "has an empty entry")]
    [InlineData("compare a.png --limit 0", "bad --limit '0'")]
    [InlineData("bench --sizes 2", "bad value '2' in --sizes")]
    [InlineData("bench --threads 0", "bad --threads '0'")]
    [InlineData("bench --threads 100000", "bad --threads '100000' (a whole number from 1 to 1024)")]
    [InlineData("bench --sizes 100000 --no-train", "--sizes 100000 at x4 makes a 400000x400000 output, above the 400 MP limit")]
    [InlineData("bench --sizes 64 --scale 1000", "--sizes 64 at x1000 makes a 64000x64000 output, above the 400 MP limit")]
    [InlineData("train --epochs 0", "bad --epochs '0'")]
    [InlineData("train --max-minutes -1", "bad --max-minutes '-1' (a number above 0)")]
    [InlineData("train --seed x", "bad --seed 'x'")]
    [InlineData("train --device gpu", "bad device 'gpu'")]
    public void Bad_option_values_are_parse_errors_that_name_the_value(string commandLine, string expected)
    {
        CliHarness.Outcome outcome = CliHarness.Run(files.Args(commandLine));

        Assert.Equal(2, outcome.Code);
        string line = Assert.Single(outcome.ErrLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("System.", line);
        Assert.Equal("", outcome.Out);
    }

    [Theory]
    [InlineData("upscale")]
    [InlineData("eval")]
    [InlineData("compare")]
    [InlineData("metrics")]
    [InlineData("bench")]
    [InlineData("train")]
    [InlineData("info")]
    public void Help_points_at_no_folder_outside_the_repository_and_lists_every_device_form(string command)
    {
        CliHarness.Outcome help = CliHarness.Run(command, "--help");

        Assert.Equal(0, help.Code);
        Assert.DoesNotContain("../shared", help.Out);
        Assert.DoesNotContain("shared/", help.Out);
        if (help.Out.Contains("--device", StringComparison.Ordinal))
        {
            Assert.Contains("cpu, cuda, cuda:N or auto", help.Out);
        }
    }
}
