namespace Liif.Cli;

/// <summary>One image to upscale and the file it goes to.</summary>
internal sealed record UpscaleJob(string Input, string Destination);

/// <summary>The jobs to run, a note for each input skipped because its output exists, and the output folder (null for -o FILE).</summary>
internal sealed record UpscalePlan(IReadOnlyList<UpscaleJob> Jobs, IReadOnlyList<string> Skipped, string? Folder);

/// <summary>
/// Where every input of <c>liif upscale</c> goes, decided and checked before any work. <c>-o</c> names an output
/// file for one input; it names a folder (as <c>--out-dir</c>) when it ends with '/', is an existing folder, or is
/// given for several inputs. In a folder an output is named after its input, plus <c>--suffix</c>, with the
/// extension of <c>--format</c> (by default the input's own when it is PNG, JPEG or WebP, else .png). No output may
/// be an input (not even with <c>--overwrite</c>), no two inputs may share an output, and an existing output is
/// skipped with a note unless <c>--overwrite</c>.
/// </summary>
internal static class UpscaleOutputs
{
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg", ".webp"];

    public static UpscalePlan Plan(IReadOnlyList<string> inputs, bool batch, string? output, string? outDir, string? suffix, string? format,
        bool overwrite)
    {
        if (outDir is null && batch && Extensions.Contains(Path.GetExtension(output!).ToLowerInvariant()) && !Directory.Exists(output))
        {
            throw new UsageException($"-o '{output}' names one file, but the inputs are a batch ({inputs.Count} image{(inputs.Count == 1 ? "" : "s")}): give a folder (-o DIR/ or --out-dir DIR)");
        }

        string? folder = outDir ?? (NamesFolder(output!, batch) ? output : null);
        if (folder is null)
        {
            if (suffix is not null || format is not null)
            {
                throw new UsageException($"-o '{output}' names the output file itself: --suffix and --format are for outputs in a folder (--out-dir)");
            }

            if (!Extensions.Contains(Path.GetExtension(output!).ToLowerInvariant()))
            {
                throw new UsageException($"output '{output}': unsupported format (use .png, .jpg, .jpeg or .webp; for a folder, end it with '/' or use --out-dir)");
            }
        }

        UpscaleJob[] jobs = inputs.Select(input => new UpscaleJob(input, folder is null ? output! : Path.Combine(folder, OutputName(input, suffix, format)))).ToArray();
        HashSet<string> inputFiles = inputs.Select(input => RealPath(input)).ToHashSet(StringComparer.Ordinal);
        foreach (UpscaleJob job in jobs)
        {
            if (inputFiles.Contains(RealPath(job.Destination)))
            {
                throw new UsageException($"'{job.Destination}' is an input: upscaling {job.Input} would overwrite it "
                    + $"(choose another output{(folder is null ? "" : " folder, or add a --suffix")})");
            }
        }

        foreach (IGrouping<string, UpscaleJob> same in jobs.GroupBy(j => RealPath(j.Destination), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            UpscaleJob[] two = same.Take(2).ToArray();
            throw new UsageException($"{two[0].Input} and {two[1].Input} would both be written to '{two[0].Destination}' (upscale them into separate folders)");
        }

        UpscaleJob[] existing = overwrite ? [] : jobs.Where(j => File.Exists(j.Destination)).ToArray();
        return new UpscalePlan(jobs.Except(existing).ToArray(),
            existing.Select(j => $"skipped {j.Input}: '{j.Destination}' exists (pass --overwrite to replace it)").ToArray(), folder);
    }

    private static bool NamesFolder(string output, bool batch) =>
        batch || Directory.Exists(output) || output.EndsWith('/') || output.EndsWith(Path.DirectorySeparatorChar);

    /// <summary>"photo.bmp" → "photo_x4.png" with --suffix _x4 and the default format.</summary>
    private static string OutputName(string input, string? suffix, string? format)
    {
        string extension = Path.GetExtension(input).ToLowerInvariant();
        string chosen = format is not null ? "." + format : Extensions.Contains(extension) ? Path.GetExtension(input) : ".png";
        return Path.GetFileNameWithoutExtension(input) + suffix + chosen;
    }

    /// <summary>
    /// The path with every symbolic link along it resolved, as realpath(3) gives it, also for a file that does not
    /// exist yet (its folder's real path and its name). .NET resolves a link only at the end of a path, and an output
    /// folder reached through a linked folder must still be recognised as the input's. (A hard link, another name of
    /// the same inode, is not recognised.)
    /// </summary>
    private static string RealPath(string path, int depth = 0)
    {
        string full = Path.GetFullPath(path);
        string current = Path.GetPathRoot(full)!;
        foreach (string part in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo entry = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (entry.Exists && entry.LinkTarget is not null && depth < 40 && entry.ResolveLinkTarget(returnFinalTarget: true) is FileSystemInfo target)
            {
                current = RealPath(target.FullName, depth + 1);
            }
        }

        return current;
    }
}
