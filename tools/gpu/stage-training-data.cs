#:project ../../src/Liif/Liif.csproj
// Stages the training images a config reads for the trip to the GPU machine (tools/gpu/plan.sh runs it from the
// repository root): for every training folder of the config, the images the trainer would use, with PNG (and BMP)
// re-encoded as lossless WebP (T91 + BSD200: 58 -> 43 MB; each image is decoded again and compared pixel for pixel,
// and kept as it was if it differs) and JPEG copied byte for byte; images under the trainer's smallest side
// (round(inp_size x scale_max)) are left out, since the trainer would skip them anyway, except validation images.
// Every path of the config must lie in ../shared/data/train/ (the GPU machine maps that folder to the unpacked data);
// --data-root reads those folders from elsewhere (the dry run's stand-in data).
//
// Usage: dotnet run tools/gpu/stage-training-data.cs -- --config FILE --out DIR [--data-root DIR]
// Writes DIR/FOLDER/... and DIR/.manifest; does nothing when the manifest says the same sources were staged.
using System.Security.Cryptography;
using System.Text;
using Liif;
using Liif.Imaging;
using Liif.Training;
using SkiaSharp;

const string ConfigRoot = "../shared/data/train";
string? configPath = null, outDir = null, dataRoot = null;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--config": configPath = args[i + 1]; break;
        case "--out": outDir = args[i + 1]; break;
        case "--data-root": dataRoot = args[i + 1]; break;
        default: return Fail($"unknown option '{args[i]}'");
    }
}

if (configPath is null || outDir is null || args.Length % 2 != 0)
{
    return Fail("usage: stage-training-data.cs --config FILE --out DIR [--data-root DIR]");
}

TrainConfig config;
try
{
    config = TrainConfig.Load(configPath);
}
catch (ConfigException e)
{
    return Fail(e.Message);
}

string expected = Path.GetFullPath(ConfigRoot);
dataRoot = Path.GetFullPath(dataRoot ?? ConfigRoot);
string? Relative(string path)
{
    string rel = Path.GetRelativePath(expected, path);
    return rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel) ? null : rel;
}

var folders = new List<string>();
foreach (string root in config.TrainDataset.Dataset.Args.RootPath)
{
    string? rel = Relative(root);
    if (rel is null || rel.Contains(Path.DirectorySeparatorChar))
    {
        return Fail($"training folder '{root}' is not a folder of {ConfigRoot}/: the GPU plan carries those folders only");
    }

    folders.Add(rel);
}

var validation = new HashSet<string>(StringComparer.Ordinal);
foreach (string file in config.ValDataset?.Dataset.Args.RootPath ?? [])
{
    string? rel = Relative(file);
    if (rel is null || !folders.Contains(Path.GetDirectoryName(rel)!) || !File.Exists(Path.Combine(dataRoot, rel)))
    {
        return Fail($"validation image '{file}' is not an image file of the config's training folders: the GPU plan carries those folders only");
    }

    if (!IsCopied(rel))
    {
        return Fail($"validation image '{rel}' must be a JPEG or WebP file (PNG and BMP travel re-encoded as WebP, under another name)");
    }

    validation.Add(rel);
}

if (config.TrainDataset.Wrapper is not ImplicitDownsampledWrapper { Args: var w })
{
    return Fail("the GPU plan trains a LIIF (wrapper sr-implicit-downsampled)");
}

var sampler = new ImplicitDownsampledSampler(w.InpSize, w.ScaleMin, w.ScaleMax, w.Augment, w.SampleQ);
int minSide = sampler.MinImageSide;

// The manifest: the config's text and every source file's name, size and time.
var manifest = new StringBuilder($"config {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(configPath)))}\nmin side {minSide}\n");
var sources = new List<(string Folder, string File)>();
foreach (string folder in folders)
{
    string source = Path.Combine(dataRoot, folder);
    if (!Directory.Exists(source))
    {
        return Fail($"training folder '{source}' not found");
    }

    foreach (string file in ImageFolder.List(ImageFolder.ResolveHr(source)))
    {
        var info = new FileInfo(file);
        manifest.Append($"{folder}/{info.Name} {info.Length} {info.LastWriteTimeUtc.Ticks}\n");
        sources.Add((folder, file));
    }
}

string manifestPath = Path.Combine(outDir, ".manifest");
if (File.Exists(manifestPath) && File.ReadAllText(manifestPath) == manifest.ToString())
{
    Console.Error.WriteLine($"training images: {outDir} is up to date");
    return 0;
}

if (Directory.Exists(outDir))
{
    Directory.Delete(outDir, recursive: true);
}

long before = 0, after = 0;
foreach (IGrouping<string, (string Folder, string File)> group in sources.GroupBy(s => s.Folder))
{
    string target = Path.Combine(outDir, group.Key);
    Directory.CreateDirectory(target);
    int kept = 0, small = 0, reencoded = 0;
    long folderBefore = 0, folderAfter = 0;
    foreach ((_, string file) in group)
    {
        string rel = $"{group.Key}/{Path.GetFileName(file)}";
        using (SKCodec? codec = SKCodec.Create(file))
        {
            if (codec is null)
            {
                return Fail($"cannot read '{file}': not an image or unsupported format");
            }

            if (Math.Min(codec.Info.Width, codec.Info.Height) < minSide && !validation.Contains(rel))
            {
                small++;
                continue;
            }
        }

        long size = new FileInfo(file).Length;
        string staged = Path.Combine(target, Path.GetFileName(file));
        if (IsCopied(file))
        {
            File.Copy(file, staged);
        }
        else
        {
            ImageU8 original = ImageFile.Load(file).ToRgb();
            string webp = Path.ChangeExtension(staged, ".webp");
            ImageFile.Save(original, webp, quality: 100);
            if (ImageFile.Load(webp).ToRgb().Pixels.AsSpan().SequenceEqual(original.Pixels))
            {
                staged = webp;
                reencoded++;
            }
            else
            {
                File.Delete(webp);
                File.Copy(file, staged);
            }
        }

        kept++;
        folderBefore += size;
        folderAfter += new FileInfo(staged).Length;
    }

    before += folderBefore;
    after += folderAfter;
    string skipped = small > 0 ? $" ({small} under {minSide} px left out)" : "";
    string webpNote = reencoded > 0 ? $", {reencoded} re-encoded as lossless WebP" : "";
    Console.Error.WriteLine($"{group.Key}: {kept} images{skipped}{webpNote}: {folderBefore / 1e6:0.0} -> {folderAfter / 1e6:0.0} MB");
}

Console.Error.WriteLine($"training images: {before / 1e6:0.0} MB staged as {after / 1e6:0.0} MB in {outDir}; {validation.Count} of them held out for validation");
File.WriteAllText(manifestPath, manifest.ToString());
return 0;

static bool IsCopied(string file) => Path.GetExtension(file).ToLowerInvariant() is ".jpg" or ".jpeg" or ".webp";

static int Fail(string message)
{
    Console.Error.WriteLine($"error: {message}");
    return 1;
}
