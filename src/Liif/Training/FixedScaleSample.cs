namespace Liif.Training;

/// <summary>
/// One training pair for a fixed-scale network, normalised and flat (CHW): the network input
/// (3×<see cref="InputSize"/>², the LR crop or, for SRCNN, its bicubic upscale) and the HR target (3×<see cref="HrSize"/>²).
/// </summary>
internal sealed record FixedScaleSample(int InputSize, int HrSize, float[] Input, float[] Target) : IBatchSample
{
    public IReadOnlyList<(float[] Values, long[] Shape)> Fields =>
        [(Input, [3, InputSize, InputSize]), (Target, [3, HrSize, HrSize])];
}
