using System.Runtime.InteropServices;
using Liif.Cli;

namespace Liif.Tests.Cli;

/// <summary>
/// One error model: expected failures (one base type) are one line and exit code 1, usage errors exit 2, libtorch
/// running out of memory says what to lower, and anything else is a bug shown with its stack trace.
/// </summary>
[Collection(nameof(CliCollection))]
public sealed class ErrorModelTests
{
    [Fact]
    public void Every_expected_failure_type_derives_from_the_one_base()
    {
        Assert.All(new Exception[]
        {
            new ImageFormatException("x"), new CheckpointException("x"), new ConfigException("x"), new ModelSpecException("x"),
            new TrainingDataException("x"), new UsageException("x"),
        }, e => Assert.IsAssignableFrom<LiifException>(e));
    }

    [Fact]
    public void Libtorch_out_of_memory_is_an_external_exception_and_gets_the_hint()
    {
        // 2^40 floats (4 TiB): libtorch's CPU allocator refuses at once, without touching the memory.
        ExternalException e = Assert.Throws<ExternalException>(() => empty([1L << 40], dtype: float32));
        Assert.Contains("can't allocate memory", e.Message);
        Assert.Equal("out of memory (libtorch could not allocate 4096 GiB): lower --max-queries or --tile-size (or the output size)",
            ErrorMessage.For(e));
    }

    [Fact]
    public void Out_of_memory_in_a_command_is_one_line_with_exit_code_1()
    {
        (int code, string err) = Capture(() => CommandRunner.Run(() => { using Tensor t = empty([1L << 40]); return 0; }));
        Assert.Equal(1, code);
        Assert.StartsWith("error: out of memory", Assert.Single(Lines(err)));
        Assert.Contains("--max-queries", err);
    }

    [Fact]
    public void Expected_failures_exit_1_and_usage_errors_exit_2_in_one_line()
    {
        (int code, string err) = Capture(() => CommandRunner.Run(() => throw new ImageFormatException("'a.png' is truncated or corrupt")));
        Assert.Equal((1, "error: 'a.png' is truncated or corrupt"), (code, Assert.Single(Lines(err))));

        (code, err) = Capture(() => CommandRunner.Run(() => throw new UsageException("give exactly one of --scale or --size")));
        Assert.Equal((2, "error: give exactly one of --scale or --size"), (code, Assert.Single(Lines(err))));
    }

    [Theory]
    [InlineData(typeof(ArgumentException))]
    [InlineData(typeof(FormatException))]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(IOException))]
    public void Any_other_exception_is_a_bug_with_its_stack_trace(Type type)
    {
        Assert.Null(ErrorMessage.For((Exception)Activator.CreateInstance(type, "boom")!));
        (int code, string err) = Capture(() => CommandRunner.Run(() => throw (Exception)Activator.CreateInstance(type, "boom")!));
        Assert.Equal(CommandRunner.Bug, code);
        Assert.StartsWith("error: internal error (a bug", err);
        Assert.Contains(type.FullName!, err);
        Assert.Contains("   at ", err);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (int Code, string Err) Capture(Func<int> run)
    {
        TextWriter old = Console.Error;
        var err = new StringWriter();
        Console.SetError(err);
        try
        {
            return (run(), err.ToString());
        }
        finally
        {
            Console.SetError(old);
        }
    }
}
