namespace Liif.Tests.Evaluation;

public class BenchmarkDatasetTests
{
    [Fact]
    public void Images_are_sorted_by_name_and_other_files_ignored()
    {
        using var temp = new TempFolder();
        string folder = temp.Folder("MySet");
        ImageFile.Save(TestImages.Gradient(16, 16), Path.Combine(folder, "b.png"));
        ImageFile.Save(TestImages.Gradient(16, 16), Path.Combine(folder, "a.png"));
        ImageFile.Save(TestImages.Gradient(16, 16), Path.Combine(folder, "C.png"));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not an image");
        BenchmarkDataset set = BenchmarkDataset.Open(folder);
        Assert.Equal("MySet", set.Name);
        Assert.Equal(["C.png", "a.png", "b.png"], set.Files.Select(Path.GetFileName));
    }

    [Fact]
    public void Hr_subfolder_is_used_and_named_after_its_parent()
    {
        using var temp = new TempFolder();
        string folder = temp.Folder("Set7");
        Directory.CreateDirectory(Path.Combine(folder, "HR"));
        ImageFile.Save(TestImages.Gradient(16, 16), Path.Combine(folder, "HR/x.png"));
        Assert.Equal("Set7", BenchmarkDataset.Open(folder).Name);
        BenchmarkDataset direct = BenchmarkDataset.Open(Path.Combine(folder, "HR") + "/");
        Assert.Equal("Set7", direct.Name);
        Assert.Single(direct.Files);
    }

    [Fact]
    public void Empty_or_missing_folder_is_a_one_line_error()
    {
        using var temp = new TempFolder();
        string folder = temp.Folder("Empty");
        var empty = Assert.Throws<LiifException>(() => BenchmarkDataset.Open(folder));
        Assert.Contains("holds no images", empty.Message);
        Assert.DoesNotContain('\n', empty.Message);
        Assert.Throws<LiifException>(() => BenchmarkDataset.Open(Path.Combine(folder, "missing")));
    }

    [Fact]
    public void Gray_is_read_as_rgb_and_unreadable_files_are_skipped_or_fatal_when_strict()
    {
        using var temp = new TempFolder();
        string folder = temp.Folder("Mixed");
        ImageFile.Save(new ImageU8(8, 8, 1, Enumerable.Range(0, 64).Select(i => (byte)(i * 4)).ToArray()), Path.Combine(folder, "a_gray.png"));
        File.WriteAllText(Path.Combine(folder, "b_broken.png"), "not a png");
        ImageFile.Save(TestImages.Noise(8, 8, 4, seed: 1), Path.Combine(folder, "c_rgba.png"));
        BenchmarkDataset set = BenchmarkDataset.Open(folder);

        var skipped = new List<SkippedImage>();
        var images = set.Read(onSkipped: skipped.Add).ToArray();
        Assert.Equal(["a_gray.png", "c_rgba.png"], images.Select(i => i.Name));
        Assert.All(images, i => Assert.Equal(3, i.Rgb.Channels));
        Assert.Equal(images[0].Rgb.Pixels[0], images[0].Rgb.Pixels[2]);
        Assert.Equal("b_broken.png", Assert.Single(skipped).Name);

        Assert.Throws<ImageFormatException>(() => set.Read(strict: true).ToArray());
        Assert.Single(set.Read(limit: 1));
    }
}
