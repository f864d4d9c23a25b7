namespace Liif.Tests;

/// <summary>Named subfolders of a <see cref="TempFolder"/> (datasets are named after their folder).</summary>
internal static class TempFolderExtensions
{
    /// <summary>Creates the subfolder <paramref name="relative"/> (and its parents) and returns its full path.</summary>
    public static string Folder(this TempFolder temp, string relative) =>
        Directory.CreateDirectory(temp.File(relative)).FullName;
}
