namespace Liif.Training;

/// <summary>One row of <c>log.csv</c>: a training step (loss set) or a validation (val_psnr set).</summary>
internal sealed record TrainingLogRow(int Epoch, long Iteration, double? Loss, double Lr, double? ValPsnr, double Seconds);

/// <summary>
/// The run's <c>log.csv</c>: <c>epoch,iteration,loss,lr,val_psnr,seconds</c>, one row per optimizer step (its loss)
/// and one per validation (its PSNR, at the iteration it was measured), seconds being training time since the run
/// began. Rows are flushed as written. Opening an existing log for a resumed run drops the rows written after the
/// checkpoint it resumes from, so the log always continues the checkpoint's history.
/// </summary>
internal sealed class TrainingLog : IDisposable
{
    private const string Header = "epoch,iteration,loss,lr,val_psnr,seconds";

    private readonly StreamWriter _writer;
    private readonly List<TrainingLogRow> _rows = [];

    /// <summary>
    /// Opens the log, keeping its rows up to and including <paramref name="lastIteration"/> (the checkpoint's; none
    /// for a new run, whose iterations start at 1).
    /// </summary>
    public TrainingLog(string path, long lastIteration)
    {
        _rows.AddRange(File.Exists(path) ? Read(path).Where(r => r.Iteration <= lastIteration) : []);
        // Rewritten atomically (a kill now must not lose the history), then appended to.
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.WriteLine(Header);
            foreach (TrainingLogRow row in _rows)
            {
                writer.WriteLine(Format(row));
            }
        });
        _writer = new StreamWriter(path, append: true);
    }

    public IReadOnlyList<TrainingLogRow> Rows => _rows;

    public void Append(TrainingLogRow row)
    {
        _rows.Add(row);
        _writer.WriteLine(Format(row));
        _writer.Flush();
    }

    public static IReadOnlyList<TrainingLogRow> Read(string path)
    {
        var rows = new List<TrainingLogRow>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] f = line.Split(',');
            if (f.Length != 6 || !int.TryParse(f[0], CultureInfo.InvariantCulture, out int epoch)
                || !long.TryParse(f[1], CultureInfo.InvariantCulture, out long iteration))
            {
                continue; // a torn last line after a kill
            }

            rows.Add(new TrainingLogRow(epoch, iteration, Number(f[2]), Number(f[3]) ?? 0, Number(f[4]), Number(f[5]) ?? 0));
        }

        return rows;
    }

    public void Dispose() => _writer.Dispose();

    private static double? Number(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;

    private static string Format(TrainingLogRow r) => string.Join(',',
        r.Epoch.ToString(CultureInfo.InvariantCulture),
        r.Iteration.ToString(CultureInfo.InvariantCulture),
        r.Loss?.ToString("G9", CultureInfo.InvariantCulture) ?? "",
        r.Lr.ToString("G6", CultureInfo.InvariantCulture),
        r.ValPsnr?.ToString("F4", CultureInfo.InvariantCulture) ?? "",
        r.Seconds.ToString("F1", CultureInfo.InvariantCulture));
}
