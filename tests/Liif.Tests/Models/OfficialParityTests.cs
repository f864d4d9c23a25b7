using System.Text.Json.Nodes;

namespace Liif.Tests.Models;

/// <summary>
/// The official PyTorch LIIF, run on random weights, is the reference: every case of the parity manifest
/// (../shared/parity/cases.json, plus $LIIF_PARITY_DIR/cases.json) must be reproduced to 1e-4.
/// </summary>
public sealed class OfficialParityTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string manifest in Manifests())
        {
            JsonArray cases = JsonNode.Parse(File.ReadAllText(manifest))!["model_cases"]!.AsArray();
            for (int i = 0; i < cases.Count; i++)
            {
                data.Add(manifest, i);
            }
        }

        if (data.Count == 0)
        {
            data.Add("", -1);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fast_path_matches_official_code(string manifest, int index) => CheckCase(manifest, index, reference: false);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reference_path_matches_official_code(string manifest, int index) => CheckCase(manifest, index, reference: true);

    private static void CheckCase(string manifest, int index, bool reference)
    {
        if (index < 0)
        {
            Assert.Skip(SharedData.MissingMessage);
        }

        string folder = Path.GetDirectoryName(manifest)!;
        JsonNode c = JsonNode.Parse(File.ReadAllText(manifest))!["model_cases"]![index]!;
        int h = c["height"]!.GetValue<int>(), w = c["width"]!.GetValue<int>();
        (float[] lr, long[] lrShape) = NpyFile.ReadFloat32(Path.Combine(folder, c["input"]!.GetValue<string>()));
        (float[] expected, long[] expectedShape) = NpyFile.ReadFloat32(Path.Combine(folder, c["expected"]!.GetValue<string>()));
        Assert.Equal(new long[] { 3, h, w }, expectedShape);

        using LoadedModel loaded = ModelLoader.Load(Path.Combine(folder, c["checkpoint"]!.GetValue<string>()));
        var model = Assert.IsType<LiifModel>(loaded.Module);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor inp = tensor(lr, lrShape).sub(0.5).div(0.5);
        Tensor coord = PixelCoordinates.Grid(h, w).view(1, -1, 2);
        Tensor cell = PixelCoordinates.Cells(h * w, h, w).unsqueeze(0);
        Tensor feat = model.Encode(inp);
        Tensor raw = reference ? model.QueryRgbReference(feat, coord, cell) : model.QueryRgb(feat, coord, cell);
        Tensor pred = raw.mul(0.5).add(0.5).clamp(0, 1).view(h, w, 3).permute(2, 0, 1);

        double maxDiff = pred.sub(tensor(expected, expectedShape)).abs().max().item<float>();
        Assert.True(maxDiff <= Tolerance, $"{c["expected"]}: max |ours - official| = {maxDiff:E2} > {Tolerance:E0}");
    }

    private static IEnumerable<string> Manifests()
    {
        if (SharedData.Parity is string parity)
        {
            yield return Path.Combine(parity, "cases.json");
        }

        if (Environment.GetEnvironmentVariable("LIIF_PARITY_DIR") is { Length: > 0 } extra && File.Exists(Path.Combine(extra, "cases.json")))
        {
            yield return Path.Combine(extra, "cases.json");
        }
    }
}
