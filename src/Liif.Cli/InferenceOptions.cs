using System.CommandLine;
using Liif.Inference;
using static TorchSharp.torch;

namespace Liif.Cli;

/// <summary>The options every command that runs a model shares: device, chunk size, precision, tile size.</summary>
internal sealed class InferenceOptions
{
    private readonly Option<string> _device = new("--device") { Description = "cpu, or cuda when TorchSharp sees a CUDA device.", DefaultValueFactory = _ => "cpu" };
    private readonly Option<int?> _maxQueries = new("--max-queries") { Description = $"Output pixels decoded per chunk: bounds peak memory (default: {LiifUpscaler.DefaultMaxQueries} on the CPU, {LiifUpscaler.CudaDefaultMaxQueries} on CUDA)." };
    private readonly Option<string> _precision = new("--precision") { Description = "Decoder MLP precision: auto (bf16 on cuda, fp32 on the cpu), fp32 or bf16.", DefaultValueFactory = _ => "auto" };
    private readonly Option<int?> _tileSize = new("--tile-size") { Description = $"LR images larger than this (pixels per side) are encoded in tiles: bounds peak memory (default: {LiifUpscaler.DefaultTileSize} on the CPU, {LiifUpscaler.CudaDefaultTileSize} on CUDA)." };

    /// <summary>The --device option (cpu, cuda, cuda:N), for commands that show where they run.</summary>
    public Option<string> Device => _device;

    public void AddTo(Command command)
    {
        command.Options.Add(_device);
        command.Options.Add(_maxQueries);
        command.Options.Add(_precision);
        command.Options.Add(_tileSize);
    }

    /// <summary>Opens <paramref name="model"/> (a file or "bicubic") with the parsed options.</summary>
    public IUpscaler Open(ParseResult parse, string model)
    {
        int? maxQueries = parse.GetValue(_maxQueries), tileSize = parse.GetValue(_tileSize);
        if (maxQueries < 1)
        {
            throw new UsageException("--max-queries must be at least 1");
        }

        if (tileSize < 16)
        {
            throw new UsageException("--tile-size must be at least 16");
        }

        Device device = ComputeDevice.Parse(parse.GetValue(_device)!);
        DecoderPrecision precision = DecoderPrecisionParsing.Parse(parse.GetValue(_precision)!, device);
        return UpscalerFactory.Open(model, device, maxQueries ?? LiifUpscaler.DefaultMaxQueriesOn(device), precision,
            tileSize ?? LiifUpscaler.DefaultTileSizeOn(device));
    }
}
