using SkiaSharp;

namespace Liif.Training;

/// <summary>
/// The images of one or more folders (the official <c>image-folder</c> dataset): every PNG, JPEG, BMP or WebP file
/// directly inside each folder, in name order; a folder with an <c>HR</c> subfolder uses that subfolder (so DIV2K's
/// <c>DIV2K_train_HR</c> and benchmark <c>Set5</c> folders both work as given). A root may also be one image file
/// (a validation set of chosen training photos). Images are 8-bit RGB (gray is replicated, alpha dropped). Images
/// whose shorter side is below <c>minSide</c> are skipped and counted, and so are the files given to leave out
/// (a training set leaves out its run's validation images: <see cref="HeldOut"/>).
/// With <see cref="DatasetCacheMode.InMemory"/> all images are decoded once when their estimated size (W·H·3 bytes)
/// fits the memory budget, else they are decoded from disk on every use. The dataset is <c>repeat</c>
/// copies of the image list, as the official code repeats it: item i is image i mod the number of <see cref="Files"/>.
/// Safe to read from several threads.
/// </summary>
internal sealed class ImageFolderDataset
{
    private readonly string[] _roots;   // the folders read (an HR subfolder where there is one), as full paths
    private readonly int _repeat;
    private readonly int _minSide;
    private readonly string[] _files;
    private readonly ImageU8[]? _cache;

    /// <param name="roots">Folders to read.</param>
    /// <param name="repeat">Copies of the image list per epoch.</param>
    /// <param name="cache">Whether to keep decoded images in memory.</param>
    /// <param name="minSide">Images with a shorter side below this are skipped (0: keep all).</param>
    /// <param name="firstK">Use only the first k images of each folder (the official <c>first_k</c>).</param>
    /// <param name="cacheBudgetBytes">Largest in-memory cache; default half of the memory available to the process.</param>
    /// <param name="leaveOut">Image files not to use (full paths), e.g. the validation images of a run.</param>
    public ImageFolderDataset(IReadOnlyList<string> roots, int repeat = 1, DatasetCacheMode cache = DatasetCacheMode.InMemory,
        int minSide = 0, int? firstK = null, long? cacheBudgetBytes = null, IReadOnlyCollection<string>? leaveOut = null)
    {
        var left = new HashSet<string>((leaveOut ?? []).Select(f => Path.GetFullPath(f)), StringComparer.Ordinal);
        _roots = roots.Select(ResolveFolder).ToArray();
        _repeat = repeat;
        _minSide = minSide;
        var files = new List<string>();
        long bytes = 0;
        foreach (string folder in _roots)
        {
            string[] candidates = ListImages(folder);
            if (firstK is int k)
            {
                candidates = candidates.Take(k).ToArray();
            }

            foreach (string file in candidates)
            {
                if (left.Contains(file))
                {
                    HeldOut++;
                    continue;
                }

                (int w, int h) = ReadSize(file);
                if (Math.Min(w, h) < minSide)
                {
                    SkippedSmall++;
                    continue;
                }

                files.Add(file);
                bytes += 3L * w * h;
            }
        }

        if (files.Count == 0)
        {
            throw new TrainingDataException(HeldOut > 0 && SkippedSmall == 0
                ? $"every image in {string.Join(", ", roots)} is a validation image"
                : $"none of the {SkippedSmall} images in {string.Join(", ", roots)} is at least {minSide} px on its shorter side");
        }

        _files = files.ToArray();
        EstimatedBytes = bytes;
        long budget = cacheBudgetBytes ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;
        if (cache == DatasetCacheMode.InMemory && bytes <= budget)
        {
            var images = new ImageU8[_files.Length];
            Parallel.For(0, _files.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) },
                i => images[i] = Decode(_files[i]));
            _cache = images;
        }
    }

    /// <summary>Image files used, in order.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Dataset length: images × repeat.</summary>
    public int Length => _files.Length * _repeat;

    /// <summary>Images left out because their shorter side is below <c>minSide</c>.</summary>
    public int SkippedSmall { get; }

    /// <summary>Images left out because they were named in <c>leaveOut</c> (a run's validation images).</summary>
    public int HeldOut { get; }

    /// <summary>Whether all images are held in memory.</summary>
    public bool IsCached => _cache is not null;

    /// <summary>Decoded size of all used images, W·H·3 bytes.</summary>
    public long EstimatedBytes { get; }

    /// <summary>Item <paramref name="index"/> (0 ≤ index &lt; <see cref="Length"/>) as 8-bit RGB. Do not modify it.</summary>
    public ImageU8 Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        int i = index % _files.Length;
        return _cache is not null ? _cache[i] : Decode(_files[i]);
    }

    /// <summary>
    /// One line for logs and provenance, e.g. "T91 + BSD200 (240 images; 51 under 192 px skipped)"; image files
    /// given one by one are named by their folders.
    /// </summary>
    public string Describe()
    {
        string names = string.Join(" + ", _roots.Select(DisplayName).Distinct());
        string skipped = SkippedSmall > 0 ? $"; {SkippedSmall} under {_minSide} px skipped" : "";
        string heldOut = HeldOut > 0 ? $"; {HeldOut} held out for validation" : "";
        return $"{names} ({_files.Length} images{skipped}{heldOut})";
    }

    private static string DisplayName(string root)
    {
        string folder = File.Exists(root) ? Path.GetDirectoryName(root)! : root;
        string name = Path.GetFileName(folder);
        return name == "HR" ? Path.GetFileName(Path.GetDirectoryName(folder)!) : name;
    }

    private static string ResolveFolder(string root)
    {
        if (File.Exists(root))
        {
            return ImageFolder.IsImageName(root)
                ? Path.GetFullPath(root)
                : throw new TrainingDataException($"'{root}' is not an image file ({ImageFolder.ExtensionList}) nor a folder of images");
        }

        if (!Directory.Exists(root))
        {
            throw new TrainingDataException($"image folder '{root}' not found");
        }

        return Path.GetFullPath(ImageFolder.ResolveHr(root));
    }

    private static string[] ListImages(string folder)
    {
        if (File.Exists(folder))
        {
            return [folder];
        }

        string[] files = ImageFolder.List(folder);
        if (files.Length == 0)
        {
            throw new TrainingDataException($"image folder '{folder}' contains no images ({ImageFolder.ExtensionList})");
        }

        return files;
    }

    private static (int Width, int Height) ReadSize(string file)
    {
        using SKCodec? codec = SKCodec.Create(file);
        if (codec is null)
        {
            throw new TrainingDataException($"cannot read '{file}': not an image or unsupported format");
        }

        return (codec.Info.Width, codec.Info.Height);
    }

    private static ImageU8 Decode(string file)
    {
        try
        {
            return ImageFile.Load(file).ToRgb();
        }
        catch (ImageFormatException e)
        {
            throw new TrainingDataException(e.Message, e);
        }
    }
}
