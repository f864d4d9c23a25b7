namespace Liif.Comparison;

/// <summary>One method in a comparison: its label in the figure, the upscaler, and a line on where it came from.</summary>
internal sealed record ComparisonMethod(string Label, IUpscaler Upscaler, string? Description = null);
