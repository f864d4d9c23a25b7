namespace Liif.Training;

/// <summary>Where an <see cref="ImageFolderDataset"/> keeps its images (the official <c>cache</c> argument).</summary>
internal enum DatasetCacheMode
{
    /// <summary>Decoded once into memory as 8-bit RGB when the estimated size fits the budget; else read from disk.</summary>
    InMemory,

    /// <summary>Decoded from disk every time an image is used.</summary>
    None,
}
