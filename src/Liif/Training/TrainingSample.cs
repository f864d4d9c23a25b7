namespace Liif.Training;

/// <summary>
/// One training example of the implicit-downsampled task, normalised and ready to batch: the LR input
/// (3×<see cref="InpSize"/>×<see cref="InpSize"/>, CHW), and <see cref="Queries"/> HR pixels as coordinates (y, x),
/// cells and RGB targets, each row-major Q×2 / Q×2 / Q×3.
/// </summary>
internal sealed record TrainingSample(int InpSize, int Queries, int HrSize, float[] Inp, float[] Coord, float[] Cell, float[] Gt)
    : IBatchSample
{
    public IReadOnlyList<(float[] Values, long[] Shape)> Fields =>
        [(Inp, [3, InpSize, InpSize]), (Coord, [Queries, 2]), (Cell, [Queries, 2]), (Gt, [Queries, 3])];
}
