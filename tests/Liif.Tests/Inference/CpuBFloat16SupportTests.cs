namespace Liif.Tests.Inference;

public sealed class CpuBFloat16SupportTests
{
    [Theory]
    [InlineData("flags\t\t: fpu vme avx2 avx512f avx512_bf16 avx512vbmi", true)]
    [InlineData("flags\t\t: fpu sse amx_bf16 amx_tile", true)]
    [InlineData("flags\t\t: fpu vme avx2 avx512f avx512_vnni", false)]
    [InlineData("model name\t: avx512_bf16 in a name is not a flag", false)]
    public void Native_bf16_is_read_from_the_cpu_flags(string line, bool expected)
    {
        Assert.Equal(expected, CpuBFloat16Support.HasNativeFlag(["processor\t: 0", line]));
    }

    [Fact]
    public void Auto_precision_is_fp32_on_the_cpu()
    {
        Assert.Null(DecoderPrecisionParsing.ParseChoice("auto"));
        Assert.Equal(DecoderPrecision.Float32, DecoderPrecisionParsing.AutoOn(TorchSharp.torch.CPU));
        Assert.Equal(DecoderPrecision.Float32, DecoderPrecisionParsing.ParseChoice("fp32"));
        Assert.Equal(DecoderPrecision.BFloat16, DecoderPrecisionParsing.ParseChoice("bf16"));
    }
}
