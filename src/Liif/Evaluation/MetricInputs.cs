namespace Liif.Evaluation;

/// <summary>Argument checks shared by the metrics.</summary>
internal static class MetricInputs
{
    public static void CheckSameSize(ImageU8 sr, ImageU8 hr)
    {
        if (sr.Width != hr.Width || sr.Height != hr.Height)
        {
            throw new ArgumentException(
                $"SR is {sr.Width}x{sr.Height} but HR is {hr.Width}x{hr.Height}; metrics need the same size");
        }
    }
}
