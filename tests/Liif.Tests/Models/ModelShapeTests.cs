namespace Liif.Tests.Models;

public sealed class ModelShapeTests
{
    [Fact]
    public void Edsr_baseline_keeps_spatial_size_and_has_official_keys()
    {
        using var scope = NewDisposeScope();
        using var encoder = new EdsrEncoder();
        Assert.Equal(64, encoder.OutDim);
        Assert.Equal(new long[] { 2, 64, 7, 5 }, encoder.call(rand(2, 3, 7, 5)).shape);

        string[] keys = encoder.state_dict().Keys.ToArray();
        Assert.Contains("head.0.weight", keys);
        Assert.Contains("body.0.body.0.weight", keys);
        Assert.Contains("body.15.body.2.bias", keys);
        Assert.Contains("body.16.weight", keys);
        Assert.Contains("sub_mean.weight", keys);
        // 16 blocks × 2 convs + head + tail conv, 64 features: the paper's 1.2M-parameter encoder.
        long trainable = encoder.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        Assert.Equal(1_220_416, trainable);
    }

    [Fact]
    public void Rdn_config_b_keeps_spatial_size_and_has_official_keys()
    {
        using var scope = NewDisposeScope();
        using var encoder = new RdnEncoder();
        Assert.Equal(new long[] { 1, 64, 6, 5 }, encoder.call(rand(1, 3, 6, 5)).shape);
        string[] keys = encoder.state_dict().Keys.ToArray();
        Assert.Contains("SFENet1.weight", keys);
        Assert.Contains("RDBs.15.convs.7.conv.0.weight", keys);
        Assert.Contains("RDBs.0.LFF.bias", keys);
        Assert.Contains("GFF.0.weight", keys);
        Assert.Contains("GFF.1.bias", keys);
        Assert.Equal(new long[] { 64, 64 + 7 * 64, 3, 3 }, encoder.state_dict()["RDBs.0.convs.7.conv.0.weight"].shape);
    }

    [Theory]
    [InlineData(true, true, 64 * 9 + 4)]
    [InlineData(false, true, 64 * 9 + 4)]
    [InlineData(true, false, 64 + 4)]
    [InlineData(true, true, 64 * 9 + 2, false)]
    public void Mlp_input_width_follows_the_switches(bool ensemble, bool unfold, int expectedInDim, bool cell = true)
    {
        using var model = new LiifModel(new EdsrEncoder(resBlocks: 1), [256, 256, 256, 256], ensemble, unfold, cell);
        Assert.Equal(expectedInDim, model.Imnet.FirstLayer.in_features);
        Assert.Contains("imnet.layers.8.weight", model.state_dict().Keys);
    }

    [Fact]
    public void Liif_predicts_rgb_per_query()
    {
        using var scope = NewDisposeScope();
        using var model = new LiifModel(new EdsrEncoder(resBlocks: 1, features: 8), [16]);
        Tensor coord = rand(2, 11, 2).mul(2).sub(1);
        Tensor pred = model.call(rand(2, 3, 6, 4), coord, full(2, 11, 2, 0.1f));
        Assert.Equal(new long[] { 2, 11, 3 }, pred.shape);
    }

    [Fact]
    public void Factory_builds_from_official_style_spec_and_rejects_unknown_names()
    {
        var spec = ModelSpec.FromJson(System.Text.Json.Nodes.JsonNode.Parse("""
            {"name": "liif", "args": {"encoder_spec": {"name": "edsr-baseline", "args": {"no_upsampling": true, "n_resblocks": 2, "n_feats": 8}},
             "imnet_spec": {"name": "mlp", "args": {"out_dim": 3, "hidden_list": [32, 32]}}, "local_ensemble": false}}
            """));
        using var model = (LiifModel)ModelFactory.Make(spec);
        Assert.False(model.LocalEnsemble);
        Assert.True(model.FeatUnfold);
        Assert.Equal(8 * 9 + 4, model.Imnet.FirstLayer.in_features);

        var unknown = new ModelSpec("swinir", spec.Args);
        Assert.Contains("unknown model 'swinir'", Assert.Throws<ModelSpecException>(() => ModelFactory.Make(unknown)).Message);
        var upsampling = ModelSpec.FromJson(System.Text.Json.Nodes.JsonNode.Parse("""{"name": "edsr-baseline", "args": {}}"""));
        Assert.Contains("no_upsampling", Assert.Throws<ModelSpecException>(() => ModelFactory.MakeEncoder(upsampling)).Message);
    }
}
