using Liif.Comparison;

namespace Liif.Cli.Serve;

/// <summary>
/// One model the server offers: the name clients use (a file's name without its extension, or <c>bicubic</c>; never
/// a path), and the opened method with its label and provenance.
/// </summary>
internal sealed record ServedModel(string Id, ComparisonMethod Method);
