namespace Liif.Tests.Inference;

public sealed class StagedImageWriterTests
{
    /// <summary>Writes a 7×5 image of random values in [0, 1] as chunks of rows·cols (row bands, then column pieces).</summary>
    private static byte[] WriteInChunks(long? stagingBytes)
    {
        const int width = 7, height = 5;
        manual_seed(3);
        using Tensor values = rand(height, width, 3);
        var pixels = new byte[width * height * 3];
        using (var writer = new StagedImageWriter(pixels, width, CPU, stagingBytes))
        {
            (int Row, int Col, int Rows, int Cols)[] chunks = [(0, 0, 2, 7), (2, 0, 1, 3), (2, 3, 1, 4), (3, 0, 2, 5), (3, 5, 2, 2)];
            foreach ((int row, int col, int rows, int cols) in chunks)
            {
                using Tensor chunk = values[row..(row + rows), col..(col + cols)].reshape(rows * cols, 3);
                writer.Write(row, col, rows, cols, chunk);
            }

            writer.Flush();
        }

        return pixels;
    }

    [Fact]
    public void Staged_writes_give_the_same_image_as_direct_writes()
    {
        byte[] direct = WriteInChunks(stagingBytes: null);
        manual_seed(3);
        using Tensor expected = rand(5, 7, 3).mul(255).round_().to(uint8);
        Assert.Equal(expected.data<byte>().ToArray(), direct);

        // 50 bytes: some chunks are staged together, some force a flush first, the largest (42 bytes) fills it.
        Assert.Equal(direct, WriteInChunks(stagingBytes: 50));
        // 20 bytes: the larger chunks do not fit at all and are copied directly, between staged ones.
        Assert.Equal(direct, WriteInChunks(stagingBytes: 20));
    }
}
