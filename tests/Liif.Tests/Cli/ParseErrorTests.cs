namespace Liif.Tests.Cli;

[Collection(nameof(CliCollection))]
public sealed class ParseErrorTests
{
    [Theory]
    [InlineData(new[] { "frobnicate" }, "error: Unrecognized command or argument 'frobnicate'. (see 'liif --help')")]
    [InlineData(new[] { "upscale", "a.png", "-o", "b.png", "--scale" }, "error: Required argument missing for option: '--scale'. (see 'liif upscale --help')")]
    [InlineData(new[] { "eval", "--scales", "4" }, "(see 'liif eval --help')")]
    [InlineData(new[] { "bench", "--repeat", "many" }, "(see 'liif bench --help')")]
    public void Command_line_errors_are_one_line_with_exit_code_2(string[] args, string expected)
    {
        CliHarness.Outcome outcome = CliHarness.Run(args);

        Assert.Equal(2, outcome.Code);
        string line = Assert.Single(outcome.ErrLines);
        Assert.Contains(expected, line);
        Assert.Equal("", outcome.Out);
    }
}
