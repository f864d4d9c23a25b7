namespace Liif.Comparison;

/// <summary>
/// Where everything goes in a comparison mosaic (after figure 3 of the LIIF paper): a caption line on top; on the
/// left the whole HR image (scaled to the grid's height) with the crop box; on the right one tile per method plus
/// the ground truth, each the crop enlarged by a whole factor (nearest neighbour) with its label below. Up to four
/// tiles make one row, more make two.
/// </summary>
/// <param name="Zoom">Nearest-neighbour enlargement of the crop in each tile.</param>
internal sealed record MosaicLayout(int Width, int Height, int Zoom, int TileWidth, int TileHeight, int Columns,
    int Rows, int OverviewWidth, int OverviewHeight)
{
    public const int Margin = 16;
    public const int Gap = 12;
    public const int CaptionHeight = 48;
    public const int LabelHeight = 48;
    public const int TargetTileSide = 220;
    public const int MaxOverviewWidth = 640;

    /// <summary>Left edge of the tile grid.</summary>
    public int GridLeft => Margin + OverviewWidth + 2 * Gap;

    /// <summary>Top edge of the overview and of the tile grid.</summary>
    public int Top => Margin + CaptionHeight;

    /// <summary>Top-left corner of tile <paramref name="index"/> (row-major).</summary>
    public (int X, int Y) Tile(int index) =>
        (GridLeft + index % Columns * (TileWidth + Gap), Top + index / Columns * (TileHeight + LabelHeight + Gap));

    /// <summary>The layout for <paramref name="tiles"/> tiles of a crop of the given size from an image of the given size.</summary>
    public static MosaicLayout For(int imageWidth, int imageHeight, CropRect crop, int tiles)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tiles, 1);
        int longest = Math.Max(crop.Width, crop.Height);
        int zoom = Math.Max(1, (int)Math.Round((double)TargetTileSide / longest));
        int tileW = crop.Width * zoom, tileH = crop.Height * zoom;
        int columns = tiles <= 4 ? tiles : (tiles + 1) / 2;
        int rows = (tiles + columns - 1) / columns;
        int gridH = rows * (tileH + LabelHeight) + (rows - 1) * Gap;
        int gridW = columns * tileW + (columns - 1) * Gap;

        // The overview fills the grid's height (less its own label), unless that makes it too wide.
        int overviewH = gridH - LabelHeight;
        int overviewW = (int)Math.Round((double)imageWidth * overviewH / imageHeight);
        if (overviewW > MaxOverviewWidth)
        {
            overviewW = MaxOverviewWidth;
            overviewH = (int)Math.Round((double)imageHeight * overviewW / imageWidth);
        }

        overviewW = Math.Max(1, overviewW);
        overviewH = Math.Max(1, overviewH);
        return new MosaicLayout(Margin + overviewW + 2 * Gap + gridW + Margin,
            Margin + CaptionHeight + Math.Max(gridH, overviewH + LabelHeight) + Margin,
            zoom, tileW, tileH, columns, rows, overviewW, overviewH);
    }
}
