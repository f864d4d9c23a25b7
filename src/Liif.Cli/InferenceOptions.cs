using static TorchSharp.torch;

namespace Liif.Cli;

/// <summary>The options every command that runs a model shares: device, chunk size, precision, tile size.</summary>
internal sealed class InferenceOptions
{
    private readonly Option<int?> _maxQueries = ParsedOptions.WholeNumber("--max-queries", 1,
        $"Output pixels decoded per chunk: bounds peak memory (default: {TiledLiifUpscaler.DefaultMaxQueries} on the CPU, {TiledLiifUpscaler.CudaDefaultMaxQueries} on CUDA).");

    private readonly Option<DecoderPrecision?> _precision = ParsedOptions.Of("--precision", DecoderPrecisionParsing.ParseChoice,
        "Decoder MLP precision: auto (bf16 on cuda, fp32 on the cpu), fp32 or bf16.");

    private readonly Option<int?> _tileSize = ParsedOptions.WholeNumber("--tile-size", 16,
        $"LR images larger than this (pixels per side) are encoded in tiles: bounds peak memory (default: {TiledLiifUpscaler.DefaultTileSize} on the CPU, {TiledLiifUpscaler.CudaDefaultTileSize} on CUDA).");

    public InferenceOptions()
    {
        _precision.HelpName = "auto|fp32|bf16";
    }

    /// <summary>The --device option (cpu, cuda, cuda:N), for commands that show where they run.</summary>
    public Option<Device> Device { get; } = ParsedOptions.Device();

    public void AddTo(Command command)
    {
        command.Options.Add(Device);
        command.Options.Add(_maxQueries);
        command.Options.Add(_precision);
        command.Options.Add(_tileSize);
    }

    /// <summary>Opens <paramref name="model"/> (a file or "bicubic") with the parsed options.</summary>
    public IUpscaler Open(ParseResult parse, string model) =>
        UpscalerFactory.Open(model, parse.GetValue(Device)!, parse.GetValue(_maxQueries), parse.GetValue(_precision), parse.GetValue(_tileSize));
}
