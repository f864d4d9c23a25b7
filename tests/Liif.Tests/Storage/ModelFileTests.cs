using System.Buffers.Binary;
namespace Liif.Tests.Storage;

public sealed class ModelFileTests
{
    [Fact]
    public void Round_trip_keeps_spec_data_norm_provenance_and_function()
    {
        using var dir = new TempFolder();
        using var scope = NewDisposeScope();
        ModelSpec spec = TestModels.TinySpec();
        manual_seed(3);
        using LiifModel original = (LiifModel)ModelFactory.Make(spec);
        var provenance = new ModelProvenance
        {
            Source = "liif train",
            TrainingData = "T91 + BSD200",
            Iterations = 1234,
            Metrics = new() { ["Set5 x4 PSNR-Y"] = 30.5 },
        };
        var norm = new DataNormalization
        {
            Inp = new ChannelNormalization { Sub = [0.4f, 0.45f, 0.5f], Div = [0.2f] },
            Gt = new ChannelNormalization { Sub = [0f], Div = [1f, 0.9f, 0.8f] },
        };
        ModelFile.Save(dir.File("m.safetensors"), spec, original, norm, provenance);

        using LoadedModel loaded = ModelLoader.Load(dir.File("m.safetensors"));
        Assert.Equal(spec.ToString(), loaded.Spec.ToString());
        Assert.Equal(norm.ToJson().ToJsonString(), loaded.DataNorm.ToJson().ToJsonString());
        Assert.Equal([0.4f, 0.45f, 0.5f, 0.2f, 0f, 1f, 0.9f, 0.8f],
            [.. loaded.DataNorm.Inp.Sub, .. loaded.DataNorm.Inp.Div, .. loaded.DataNorm.Gt.Sub, .. loaded.DataNorm.Gt.Div]);
        Assert.Equal(provenance.ToJson(), loaded.Provenance.ToJson());
        (ModelSpec headerSpec, DataNormalization headerNorm, ModelProvenance headerProvenance) = ModelFile.ReadHeader(dir.File("m.safetensors"));
        Assert.Equal((spec.ToString(), norm.ToJson().ToJsonString(), provenance.ToJson()),
            (headerSpec.ToString(), headerNorm.ToJson().ToJsonString(), headerProvenance.ToJson()));
        var model = Assert.IsType<LiifModel>(loaded.Module);
        using var _ = no_grad();
        Tensor inp = rand(1, 3, 5, 6), coord = rand(1, 20, 2).mul(2).sub(1), cell = full(1, 20, 2, 0.1f);
        Assert.True(model.call(inp, coord, cell).equal(original.call(inp, coord, cell)).all().item<bool>());
    }

    [Fact]
    public void Truncated_file_is_a_one_line_error()
    {
        using var dir = new TempFolder();
        string path = TestModels.SaveTiny(dir.Path);
        byte[] bytes = File.ReadAllBytes(path);
        foreach (int length in new[] { 0, 5, 100, bytes.Length / 2, bytes.Length - 1 })
        {
            File.WriteAllBytes(dir.File("cut.safetensors"), bytes[..length]);
            var e = Assert.Throws<CheckpointException>(() => ModelLoader.Load(dir.File("cut.safetensors")));
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void Corrupt_header_is_a_one_line_error()
    {
        using var dir = new TempFolder();
        string path = TestModels.SaveTiny(dir.Path);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[10] = (byte)'#';
        File.WriteAllBytes(path, bytes);
        Assert.Contains("corrupt", Assert.Throws<CheckpointException>(() => ModelLoader.Load(path)).Message);
    }

    [Theory]
    [InlineData("spec")]
    [InlineData("header")]
    public void A_key_given_twice_is_corrupt_not_a_crash(string where)
    {
        using var dir = new TempFolder();
        using var scope = NewDisposeScope();
        using LiifModel model = (LiifModel)ModelFactory.Make(TestModels.TinySpec());
        string path = dir.File("twice.safetensors");
        string spec = TestModels.TinySpec().ToString();
        var metadata = new Dictionary<string, string>
        {
            ["format"] = ModelFile.FormatName,
            ["format_version"] = "2",
            ["spec"] = where == "spec" ? spec.Replace("{\"name\":", "{\"name\":\"srcnn\",\"name\":", StringComparison.Ordinal) : spec,
        };
        using (FileStream f = File.Create(path))
        {
            SafetensorsFile.Write(f, model.state_dict(), metadata);
        }

        if (where == "header")
        {
            // The same length keeps the header length valid: "format" given twice in the metadata.
            byte[] bytes = File.ReadAllBytes(path);
            string text = System.Text.Encoding.Latin1.GetString(bytes);
            string patched = text.Replace("\"format_version\"", "\"format\"\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020", StringComparison.Ordinal);
            Assert.NotEqual(text, patched);
            File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes(patched));
        }

        var e = Assert.Throws<CheckpointException>(() => ModelLoader.Load(path));
        Assert.Contains("corrupt", e.Message);
        Assert.Throws<CheckpointException>(() => ModelFile.ReadHeader(path));
    }

    [Fact]
    public void A_version_1_file_without_data_norm_means_the_default_and_a_bad_data_norm_is_corrupt()
    {
        using var dir = new TempFolder();
        using var scope = NewDisposeScope();
        using LiifModel model = (LiifModel)ModelFactory.Make(TestModels.TinySpec());
        string path = dir.File("v1.safetensors");
        void Write(string? dataNorm)
        {
            var metadata = new Dictionary<string, string> { ["format"] = ModelFile.FormatName, ["format_version"] = "1", ["spec"] = TestModels.TinySpec().ToString() };
            if (dataNorm is not null)
            {
                metadata["data_norm"] = dataNorm;
            }

            using FileStream f = File.Create(path);
            SafetensorsFile.Write(f, model.state_dict(), metadata);
        }

        Write(null);
        using (LoadedModel loaded = ModelLoader.Load(path))
        {
            Assert.Equal(DataNormalization.Default.ToJson().ToJsonString(), loaded.DataNorm.ToJson().ToJsonString());
        }

        Write("""{"inp": {"sub": [0.5, 0.5]}, "gt": {"sub": [0.5], "div": [0.5]}}""");
        Assert.Contains("corrupt", Assert.Throws<CheckpointException>(() => ModelLoader.Load(path)).Message);
    }

    [Fact]
    public void Weights_of_another_architecture_are_refused()
    {
        using var dir = new TempFolder();
        using var scope = NewDisposeScope();
        using LiifModel wide = (LiifModel)ModelFactory.Make(TestModels.TinySpec(features: 16));
        // A file whose spec says 8 features but whose weights have 16.
        var metadata = new Dictionary<string, string>
        {
            ["format"] = ModelFile.FormatName,
            ["format_version"] = "1",
            ["spec"] = TestModels.TinySpec(features: 8).ToString(),
        };
        string path = dir.File("mismatch.safetensors");
        using (FileStream f = File.Create(path))
        {
            SafetensorsFile.Write(f, wide.state_dict(), metadata);
        }

        string message = Assert.Throws<CheckpointException>(() => ModelLoader.Load(path)).Message;
        Assert.Contains("does not fit the architecture", message);
    }

    [Fact]
    public void Newer_format_version_and_foreign_safetensors_are_refused()
    {
        using var dir = new TempFolder();
        string path = dir.File("x.safetensors");
        using (FileStream f = File.Create(path))
        {
            SafetensorsFile.Write(f, new Dictionary<string, Tensor> { ["w"] = ones(2) }, new Dictionary<string, string>());
        }

        Assert.Contains("not a liif model file", Assert.Throws<CheckpointException>(() => ModelLoader.Load(path)).Message);

        using (FileStream f = File.Create(path))
        {
            SafetensorsFile.Write(f, new Dictionary<string, Tensor>(), new Dictionary<string, string> { ["format"] = ModelFile.FormatName, ["format_version"] = "99", ["spec"] = "{}" });
        }

        Assert.Contains("version 99", Assert.Throws<CheckpointException>(() => ModelLoader.Load(path)).Message);
        Assert.Contains("version 99", Assert.Throws<CheckpointException>(() => ModelFile.ReadHeader(path)).Message);
    }

    [Fact]
    public void Truncated_official_checkpoint_is_a_one_line_error()
    {
        if (SharedData.Parity is null)
        {
            Assert.Skip(SharedData.MissingMessage);
        }

        using var dir = new TempFolder();
        byte[] bytes = File.ReadAllBytes(Path.Combine(SharedData.Parity, "tiny.pth"));
        File.WriteAllBytes(dir.File("cut.pth"), bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<CheckpointException>(() => ModelLoader.Load(dir.File("cut.pth")));
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void An_official_checkpoint_with_a_flipped_weight_byte_is_refused()
    {
        if (SharedData.Parity is null)
        {
            Assert.Skip(SharedData.MissingMessage);
        }

        using var dir = new TempFolder();
        byte[] bytes = File.ReadAllBytes(Path.Combine(SharedData.Parity, "tiny.pth"));
        (string name, int start, int size) = LargestZipEntry(bytes);
        bytes[start + size / 2] ^= 0x10;
        File.WriteAllBytes(dir.File("flipped.pth"), bytes);

        var e = Assert.Throws<CheckpointException>(() => ModelLoader.Load(dir.File("flipped.pth")));
        Assert.Equal($"'flipped.pth' is not a readable PyTorch checkpoint (truncated or corrupt?): entry '{name}' fails its CRC-32 check", e.Message);
    }

    /// <summary>
    /// The entry of a zip file with the most data and where that data lies. PyTorch stores entries uncompressed and
    /// puts their sizes in data descriptors, so the size comes from the central directory (ZipArchive) and the start
    /// from the local header, the first place the entry's name occurs.
    /// </summary>
    private static (string Name, int Start, int Size) LargestZipEntry(byte[] zip)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        var entry = archive.Entries.MaxBy(e => e.Length)!;
        byte[] name = System.Text.Encoding.UTF8.GetBytes(entry.FullName);
        int at = zip.AsSpan().IndexOf(name);
        int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at - 2));
        return (entry.FullName, at + name.Length + extraLength, (int)entry.Length);
    }

    [Fact]
    public void Missing_file_and_folder_are_named()
    {
        using var dir = new TempFolder();
        Assert.Contains("not found", Assert.Throws<CheckpointException>(() => ModelLoader.Load(dir.File("none.pth"))).Message);
        Assert.Contains("is a folder", Assert.Throws<CheckpointException>(() => ModelLoader.Load(dir.Path)).Message);
    }
}
