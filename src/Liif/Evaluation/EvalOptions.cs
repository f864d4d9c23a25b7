namespace Liif.Evaluation;

/// <summary>How an <see cref="Evaluator"/> makes LR inputs, scores outputs and treats bad files.</summary>
internal sealed record EvalOptions
{
    /// <summary>How SR is compared with HR.</summary>
    public EvalProtocol Protocol { get; init; } = EvalProtocol.Benchmark;

    /// <summary>The resampler that makes LR inputs; <see cref="LrKernel.Auto"/> follows <see cref="LrKernels.Resolve"/>.</summary>
    public LrKernel LrKernel { get; init; } = LrKernel.Auto;

    /// <summary>Evaluate only the first this many images of each dataset (null: all).</summary>
    public int? Limit { get; init; }

    /// <summary>Stop at the first unreadable image instead of skipping it.</summary>
    public bool Strict { get; init; }

    /// <summary>Told about each unreadable image that is skipped (with its dataset's name).</summary>
    public Action<string, SkippedImage>? OnSkipped { get; init; }
}
