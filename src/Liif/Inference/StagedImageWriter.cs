namespace Liif.Inference;

/// <summary>
/// Writes decoded chunks (rows·cols×3 values in [0, 1]) into an 8-bit H×W×3 image. On a GPU the chunks are rounded
/// and packed into a byte buffer on the device and copied to the host only when it is full (and at the end), so the
/// GPU is not stopped after every chunk to wait for a copy while the next chunk's work could already be queued. The
/// buffer's size is fixed (<see cref="DeviceBufferBytes"/>), so device memory does not grow with the output size.
/// On the CPU each chunk is copied at once.
/// </summary>
internal sealed class StagedImageWriter : IDisposable
{
    /// <summary>Device staging buffer: 64 MiB, about 22 megapixels of output per copy.</summary>
    public const long DeviceBufferBytes = 64L << 20;

    private readonly byte[] _pixels;
    private readonly int _width;
    private readonly long _capacity;
    private readonly Tensor? _staging;
    private readonly List<(int Row, int Col, int Rows, int Cols, long Offset)> _pending = [];
    private long _used;

    /// <param name="stagingBytes">Staging buffer size; default <see cref="DeviceBufferBytes"/> on a GPU and none
    /// (direct copies) on the CPU. Tests set it to stage on the CPU too.</param>
    public StagedImageWriter(byte[] pixels, int width, Device device, long? stagingBytes = null)
    {
        _pixels = pixels;
        _width = width;
        _capacity = stagingBytes ?? (device.type == DeviceType.CPU ? 0 : DeviceBufferBytes);
        if (_capacity > 0)
        {
            _staging = empty(_capacity, dtype: uint8, device: device);
        }
    }

    public void Write(int row, int col, int rows, int cols, Tensor rgb01)
    {
        using var scope = NewDisposeScope();
        Tensor bytes = rgb01.mul(255).round_().to(uint8).flatten();
        long count = bytes.numel();
        if (_staging is null || count > _capacity)
        {
            CopyChunk(bytes.cpu().data<byte>().ToArray(), 0, _pixels, _width, row, col, rows, cols);
            return;
        }

        if (_used + count > _capacity)
        {
            Flush();
        }

        _staging.narrow(0, _used, count).copy_(bytes);
        _pending.Add((row, col, rows, cols, _used));
        _used += count;
    }

    /// <summary>Copies every staged chunk to the image (one device-to-host copy).</summary>
    public void Flush()
    {
        if (_staging is null || _used == 0)
        {
            return;
        }

        using (NewDisposeScope())
        {
            byte[] staged = _staging.narrow(0, 0, _used).cpu().data<byte>().ToArray();
            foreach ((int row, int col, int rows, int cols, long offset) in _pending)
            {
                CopyChunk(staged, offset, _pixels, _width, row, col, rows, cols);
            }
        }

        _pending.Clear();
        _used = 0;
    }

    /// <summary>Copies a chunk (rows·cols×3 values of <paramref name="source"/> from <paramref name="offset"/>) to its
    /// place in an H×<paramref name="width"/>×3 image.</summary>
    public static void CopyChunk<T>(T[] source, long offset, T[] image, int width, int row, int col, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            Array.Copy(source, offset + (long)r * cols * 3, image, ((long)(row + r) * width + col) * 3, (long)cols * 3);
        }
    }

    public void Dispose() => _staging?.Dispose();
}
