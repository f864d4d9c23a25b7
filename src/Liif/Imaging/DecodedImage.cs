namespace Liif.Imaging;

/// <summary>
/// An image file as a viewer shows it: the pixels upright (EXIF orientation applied), with the colour profile to
/// keep (<see cref="Profile"/>, null for sRGB), how many frames the file holds (an animation gives its first), and
/// whether its colours were converted to sRGB because their profile could not be kept.
/// </summary>
internal sealed record DecodedImage(ImageU8 Image, ColorProfile? Profile, int Frames, bool ConvertedToSrgb);
