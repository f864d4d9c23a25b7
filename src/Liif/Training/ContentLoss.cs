namespace Liif.Training;

/// <summary>The content loss of a fixed-scale run: between the network's output and the HR crop.</summary>
internal enum ContentLoss
{
    /// <summary>Pixel MSE (SRCNN, SRResNet; SRGAN's "MSE" variant).</summary>
    Mse,

    /// <summary>Pixel L1.</summary>
    L1,

    /// <summary>MSE between VGG19 relu5_4 features (SRGAN's "VGG54"), scaled by 1/12.75² as the paper rescales them.</summary>
    Vgg54,
}
