namespace Liif.Evaluation;

/// <summary>A whole evaluation run: every dataset × scale, and how it was made.</summary>
/// <param name="Model">The upscaler's name, e.g. "bicubic" or "liif (edsr-baseline)".</param>
/// <param name="Protocol">How SR was compared with HR.</param>
/// <param name="LrKernel">The LR kernel asked for (auto, matlab or pil); each result says which one was used.</param>
/// <param name="Limit">Only the first this many images of each dataset were evaluated; null for all.</param>
/// <param name="Scales">The scales, in the order asked.</param>
/// <param name="Datasets">What was read from each dataset, in the order given.</param>
/// <param name="Results">One result per dataset × scale, datasets outer.</param>
/// <param name="Seconds">Wall-clock time of the whole run.</param>
/// <param name="Created">When the run finished.</param>
internal sealed record EvalReport(
    string Model,
    EvalProtocol Protocol,
    LrKernel LrKernel,
    int? Limit,
    IReadOnlyList<double> Scales,
    IReadOnlyList<EvalDatasetInfo> Datasets,
    IReadOnlyList<EvalResult> Results,
    double Seconds,
    DateTimeOffset Created)
{
    /// <summary>The result for <paramref name="dataset"/> at <paramref name="scale"/>, or null.</summary>
    public EvalResult? Find(string dataset, double scale) =>
        Results.FirstOrDefault(r => r.Dataset == dataset && r.Scale == scale);
}
