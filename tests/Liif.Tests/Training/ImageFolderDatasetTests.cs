namespace Liif.Tests.Training;

public sealed class ImageFolderDatasetTests
{
    [Fact]
    public void Reads_every_image_format_in_name_order_as_rgb_and_repeats()
    {
        using var data = new TinyTraining(images: 0);
        string dir = data.DataDir;
        ImageFile.Save(TinyTraining.Pattern(40, 36, 1), Path.Combine(dir, "b.png"));
        ImageFile.Save(TinyTraining.Pattern(40, 36, 2), Path.Combine(dir, "a.jpg"));
        ImageFile.Save(TinyTraining.Pattern(40, 36, 3).WithAlpha(new ImageU8(40, 36, 1)), Path.Combine(dir, "c.webp"));
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not an image");

        var dataset = new ImageFolderDataset([dir], repeat: 3);
        Assert.Equal(["a.jpg", "b.png", "c.webp"], dataset.Files.Select(Path.GetFileName));
        Assert.Equal(9, dataset.Length);
        Assert.True(dataset.IsCached);
        Assert.All(Enumerable.Range(0, 9), i => Assert.Equal(3, dataset.Get(i).Channels));
        Assert.Same(dataset.Get(1), dataset.Get(4)); // item i is image i mod count
    }

    [Fact]
    public void Uses_an_HR_subfolder_and_skips_images_below_the_largest_crop()
    {
        using var data = new TinyTraining(images: 0);
        string hr = Path.Combine(data.DataDir, "HR");
        Directory.CreateDirectory(hr);
        ImageFile.Save(TinyTraining.Pattern(40, 40, 1), Path.Combine(hr, "big.png"));
        ImageFile.Save(TinyTraining.Pattern(40, 31, 2), Path.Combine(hr, "short.png"));
        ImageFile.Save(TinyTraining.Pattern(5, 5, 3), Path.Combine(data.DataDir, "ignored.png"));

        var dataset = new ImageFolderDataset([data.DataDir], minSide: 32);
        Assert.Equal(["big.png"], dataset.Files.Select(Path.GetFileName));
        Assert.Equal(1, dataset.SkippedSmall);
        Assert.Contains("1 under 32 px skipped", dataset.Describe());
    }

    [Fact]
    public void Reads_from_disk_when_the_cache_does_not_fit()
    {
        using var data = new TinyTraining(images: 3);
        var dataset = new ImageFolderDataset([data.DataDir], cache: DatasetCacheMode.InMemory, cacheBudgetBytes: 1000);
        Assert.False(dataset.IsCached);
        Assert.Equal(40, dataset.Get(2).Width);
    }

    [Fact]
    public void Missing_or_empty_folders_are_one_line_errors()
    {
        using var data = new TinyTraining(images: 0);
        var empty = Assert.Throws<TrainingDataException>(() => new ImageFolderDataset([data.DataDir]));
        Assert.Contains("contains no images", empty.Message);
        Assert.DoesNotContain('\n', empty.Message);

        var missing = Assert.Throws<TrainingDataException>(() => new ImageFolderDataset([Path.Combine(data.Root, "nope")]));
        Assert.Contains("not found", missing.Message);

        ImageFile.Save(TinyTraining.Pattern(10, 10, 1), Path.Combine(data.DataDir, "small.png"));
        var tooSmall = Assert.Throws<TrainingDataException>(() => new ImageFolderDataset([data.DataDir], minSide: 192));
        Assert.Contains("at least 192 px", tooSmall.Message);
    }

    [Fact]
    public void Image_files_can_be_roots_and_a_training_set_leaves_out_the_files_it_is_given()
    {
        using var data = new TinyTraining(images: 6);
        string[] held = [Path.Combine(data.DataDir, "0001.png"), Path.Combine(data.DataDir, "0004.png")];
        var validation = new ImageFolderDataset(held);
        Assert.Equal(held, validation.Files);
        Assert.Equal("train (2 images)", validation.Describe());

        var training = new ImageFolderDataset([data.DataDir], leaveOut: validation.Files);
        Assert.Equal(["0000.png", "0002.png", "0003.png", "0005.png"], training.Files.Select(Path.GetFileName));
        Assert.Equal(2, training.HeldOut);
        Assert.Equal("train (4 images; 2 held out for validation)", training.Describe());

        File.WriteAllText(Path.Combine(data.Root, "notes.txt"), "x");
        Assert.Contains("is not an image file", Assert.Throws<TrainingDataException>(() => new ImageFolderDataset([Path.Combine(data.Root, "notes.txt")])).Message);
        Assert.Contains("is a validation image", Assert.Throws<TrainingDataException>(
            () => new ImageFolderDataset([held[0]], leaveOut: [held[0]])).Message);
    }

    [Fact]
    public void A_run_never_trains_on_its_validation_images()
    {
        using var data = new TinyTraining(images: 8);
        string held = Path.Combine(data.DataDir, "0003.png");
        var observer = new RecordingObserver();
        TrainConfig config = data.Config(epochs: 1, set: [$"val_dataset.dataset.args.root_path=['{held}']"]);
        using (TrainingRun trainer = TrainingRun.Start(config, data.RunDir("run"), observer))
        {
            trainer.Run(new TrainingBudget(MaxIterations: 1), TestContext.Current.CancellationToken);
        }

        Assert.Contains("training data: 1 image of the training folders held out as the validation set", observer.Messages);
        using Liif.Storage.LoadedModel model = Liif.Storage.ModelLoader.Load(new RunFolder(data.RunDir("run")).Model);
        Assert.Equal("train (7 images; 1 held out for validation)", model.Provenance.TrainingData);
    }
}
