using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Liif.Storage;

/// <summary>
/// The safetensors format (8-byte little-endian header length, JSON header, raw little-endian tensor data): weights
/// that load without executing code, readable by the Python <c>safetensors</c> package. Written by hand because
/// TorchSharp.PyBridge's safetensors API cannot store the string metadata (<c>__metadata__</c>) that makes our
/// model files self-describing. Only float32 and int64 tensors are used here.
/// </summary>
internal static class SafetensorsFile
{
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// Writes a file of our formats atomically (<see cref="AtomicFile"/>): <c>format</c> and <c>format_version</c>
    /// first in the metadata, then <paramref name="metadata"/>.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, string format, int version,
        IReadOnlyDictionary<string, string> metadata)
    {
        var all = new Dictionary<string, string>
        {
            ["format"] = format,
            ["format_version"] = version.ToString(CultureInfo.InvariantCulture),
        };
        foreach ((string key, string value) in metadata)
        {
            all[key] = value;
        }

        AtomicFile.Write(path, stream => Write(stream, tensors, all));
    }

    /// <summary>
    /// Reads a file of <paramref name="format"/> up to <paramref name="version"/>: another format is a
    /// <see cref="CheckpointException"/> with <paramref name="notThisFormat"/>, a newer version one that names the
    /// "<paramref name="kind"/> format version".
    /// </summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Read(byte[] file, string name,
        string format, int version, string kind, string notThisFormat)
    {
        (JsonObject header, long dataStart) = ReadHeader(new MemoryStream(file), name);
        Dictionary<string, string> metadata = Metadata(header);
        Dictionary<string, Tensor> tensors = Tensors(header, file, dataStart, name);
        if (FormatProblem(metadata, name, format, version, kind, notThisFormat) is not string problem)
        {
            return (tensors, metadata);
        }

        StateDictLoader.Dispose(tensors);

        throw new CheckpointException(problem);
    }

    /// <summary>
    /// The metadata alone, from the file's header (its tensors are not read), with the format checked as
    /// <see cref="Read(byte[], string, string, int, string, string)"/> checks it.
    /// </summary>
    public static Dictionary<string, string> ReadMetadata(string path, string format, int version, string kind, string notThisFormat)
    {
        string name = Path.GetFileName(path);
        using FileStream file = File.OpenRead(path);
        Dictionary<string, string> metadata = Metadata(ReadHeader(file, name).Header);
        return FormatProblem(metadata, name, format, version, kind, notThisFormat) is string problem
            ? throw new CheckpointException(problem)
            : metadata;
    }

    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var header = new JsonObject { ["__metadata__"] = new JsonObject(metadata.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))) };
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach ((string name, Tensor t) in tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            byte[] data = ToBytes(t, out string dtype);
            header[name] = new JsonObject
            {
                ["dtype"] = dtype,
                ["shape"] = new JsonArray(t.shape.Select(d => (JsonNode?)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + data.Length),
            };
            offset += data.Length;
            blobs.Add(data);
        }

        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, padded);
        stream.Write(length);
        stream.Write(json);
        stream.Write(Enumerable.Repeat((byte)' ', padded - json.Length).ToArray());
        foreach (byte[] blob in blobs)
        {
            stream.Write(blob);
        }
    }

    /// <summary>Reads every tensor (on the CPU) and the metadata; any inconsistency is a <see cref="CheckpointException"/>.</summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        string name = Path.GetFileName(path);
        byte[] file = InputFile.ReadAllBytes(path, message => new CheckpointException(message));
        (JsonObject header, long dataStart) = ReadHeader(new MemoryStream(file), name);
        return (Tensors(header, file, dataStart, name), Metadata(header));
    }

    private static string? FormatProblem(Dictionary<string, string> metadata, string name, string format, int version,
        string kind, string notThisFormat)
    {
        string? found = metadata.GetValueOrDefault("format_version");
        return metadata.GetValueOrDefault("format") != format ? notThisFormat
            : !int.TryParse(found, out int v) || v > version
                ? $"'{name}' has {kind} format version {found ?? "?"}; this liif reads up to {version}"
                : null;
    }

    /// <summary>The JSON header of <paramref name="file"/> and where its tensor data start; <paramref name="name"/> names it in errors.</summary>
    private static (JsonObject Header, long DataStart) ReadHeader(Stream file, string name)
    {
        Span<byte> length = stackalloc byte[8];
        if (file.ReadAtLeast(length, 8, throwOnEndOfStream: false) < 8)
        {
            throw new CheckpointException($"'{name}' is truncated (no safetensors header)");
        }

        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(length);
        if (headerLength <= 0 || headerLength > MaxHeaderBytes || 8 + headerLength > file.Length)
        {
            throw new CheckpointException($"'{name}' is truncated or not a model file (bad header length)");
        }

        byte[] json = new byte[headerLength];
        file.ReadExactly(json);
        try
        {
            return (StrictJson.Parse(json)!.AsObject(), 8 + headerLength);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new CheckpointException($"'{name}' is corrupt (unreadable header)", e);
        }
    }

    private static Dictionary<string, string> Metadata(JsonObject header) =>
        header["__metadata__"]?.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>()) ?? [];

    private static Dictionary<string, Tensor> Tensors(JsonObject header, byte[] file, long dataStart, string name)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach ((string key, JsonNode? value) in header.Where(kv => kv.Key != "__metadata__"))
        {
            try
            {
                string dtype = value!["dtype"]!.GetValue<string>();
                long[] shape = value["shape"]!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
                long begin = value["data_offsets"]![0]!.GetValue<long>(), end = value["data_offsets"]![1]!.GetValue<long>();
                if (begin < 0 || end < begin || dataStart + end > file.Length)
                {
                    throw new CheckpointException($"'{name}' is truncated (tensor '{key}' runs past the end of the file)");
                }

                tensors[key] = FromBytes(file.AsSpan((int)(dataStart + begin), (int)(end - begin)), dtype, shape, key, name);
            }
            catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException)
            {
                throw new CheckpointException($"'{name}' is corrupt (bad entry for tensor '{key}')", e);
            }
        }

        return tensors;
    }

    private static byte[] ToBytes(Tensor t, out string dtype)
    {
        using Tensor cpu = t.detach().cpu().contiguous();
        if (cpu.dtype == ScalarType.Int64)
        {
            dtype = "I64";
            return MemoryMarshal.AsBytes(cpu.data<long>().ToArray().AsSpan()).ToArray();
        }

        using Tensor f = cpu.to(float32);
        dtype = "F32";
        return MemoryMarshal.AsBytes(f.data<float>().ToArray().AsSpan()).ToArray();
    }

    private static Tensor FromBytes(ReadOnlySpan<byte> bytes, string dtype, long[] shape, string key, string file)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        int size = dtype switch
        {
            "F32" => 4,
            "I64" => 8,
            _ => throw new CheckpointException($"'{file}': tensor '{key}' has unsupported dtype {dtype}"),
        };
        if (count * size != bytes.Length)
        {
            throw new CheckpointException($"'{file}' is corrupt (tensor '{key}' has {bytes.Length} bytes for shape [{string.Join(", ", shape)}])");
        }

        return size == 4
            ? tensor(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape)
            : tensor(MemoryMarshal.Cast<byte, long>(bytes).ToArray(), shape);
    }
}
