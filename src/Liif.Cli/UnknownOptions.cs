using System.CommandLine.Parsing;

namespace Liif.Cli;

/// <summary>
/// Finds a token that looks like an option but is none of the command's (<c>--tile 256</c>, Real-ESRGAN's <c>-i</c>):
/// System.CommandLine would bind it to the command's file arguments and the command would try to read or write a
/// file named "--tile". Tokens after <c>--</c> are taken literally (a file whose name starts with a dash).
/// </summary>
internal static class UnknownOptions
{
    /// <summary>The first such token of <paramref name="parse"/>, or null.</summary>
    public static string? Find(ParseResult parse)
    {
        int end = parse.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        var literal = end < 0 ? [] : parse.Tokens.Skip(end).ToHashSet(ReferenceEqualityComparer.Instance);
        return parse.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens)
            .Where(t => !literal.Contains(t) && t.Value.Length > 1 && t.Value.StartsWith('-'))
            .Select(t => t.Value)
            .FirstOrDefault();
    }

    /// <summary>The one-line message for <paramref name="token"/>.</summary>
    public static string Message(string token, Command command) => token is "-i" or "--input"
        ? $"unknown option '{token}': give the input files without a flag, e.g. 'liif {command.Name} in.png -o out.png -s 4'"
        : $"unknown option '{token}'";
}
