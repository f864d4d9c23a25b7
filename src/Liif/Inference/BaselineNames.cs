namespace Liif.Inference;

/// <summary>
/// How the fixed-scale baselines are named: the provenance's method when the file has one (an <c>srresnet</c> module
/// may be SRResNet or the SRGAN generator), else the architecture's paper name.
/// </summary>
internal static class BaselineNames
{
    /// <summary>The paper name of an architecture: "SRCNN", "SRResNet", or the spec name.</summary>
    public static string PaperName(string specName) => specName switch
    {
        "srcnn" => "SRCNN",
        "srresnet" => "SRResNet",
        _ => specName,
    };

    /// <summary>e.g. "SRGAN (MSE content loss) x4".</summary>
    public static string TableName(LoadedModel loaded, FixedScaleNetwork network) =>
        $"{loaded.Provenance.Method ?? PaperName(loaded.Spec.Name)} x{network.Scale}";

    /// <summary>The method's first word in lower case, e.g. "srgan", for one-line messages.</summary>
    public static string ShortName(LoadedModel loaded)
    {
        string method = loaded.Provenance.Method ?? PaperName(loaded.Spec.Name);
        return method.Split(' ', 2)[0].ToLowerInvariant();
    }
}
