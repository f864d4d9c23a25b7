namespace Liif.Tests.Cli;

/// <summary>
/// Files that many in-process CLI tests share, made once per test class: a tiny LIIF model, a 12x9 RGB image and a
/// dataset folder with one image. Arguments name them as {model}, {in} and {set}.
/// </summary>
public sealed class CliFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public CliFixture()
    {
        Model = TestModels.SaveTiny(_temp.Path);
        Input = _temp.File("in.png");
        ImageFile.Save(TestImages.Gradient(12, 9), Input);
        Set = _temp.Folder("Set");
        ImageFile.Save(TestImages.Gradient(24, 20), Path.Combine(Set, "a.png"));
    }

    public string Model { get; }

    public string Input { get; }

    public string Set { get; }

    public string[] Args(string commandLine) => commandLine.Split(' ')
        .Select(a => a.Replace("{model}", Model).Replace("{in}", Input).Replace("{set}", Set)).ToArray();

    public void Dispose() => _temp.Dispose();
}
