namespace Liif.Models;

/// <summary>A feature extractor for LIIF: maps an LR image (B×3×h×w) to a feature map (B×OutDim×h×w).</summary>
internal abstract class Encoder(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>Channels of the feature map.</summary>
    public int OutDim { get; protected init; }

    /// <summary>How far (in LR pixels) one output feature sees: what tiled encoding must overlap by.</summary>
    public int ReceptiveRadius { get; protected init; }
}
