namespace Liif.Tests.Inference;

/// <summary>One device parser for the command line and the training config.</summary>
public sealed class ComputeDeviceTests
{
    [Theory]
    [InlineData("cpu", true)]
    [InlineData("CPU", true)]
    [InlineData("auto", true)]
    [InlineData("cuda", true)]
    [InlineData("cuda:1", true)]
    [InlineData("cuda:", false)]
    [InlineData("cuda:-1", false)]
    [InlineData("gpu", false)]
    public void Names_are_spelled_the_same_everywhere(string name, bool valid)
    {
        Assert.Equal(valid, ComputeDevice.IsName(name));
    }

    [Fact]
    public void Cpu_and_auto_parse_here_and_cuda_is_refused_without_a_device()
    {
        Assert.Equal(DeviceType.CPU, ComputeDevice.Parse("cpu").type);
        Assert.Equal(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, ComputeDevice.Parse("auto").type);
        Assert.Equal("bad device 'gpu' (use cpu, cuda, cuda:N or auto)", Assert.Throws<LiifException>(() => ComputeDevice.Parse("gpu")).Message);
        if (!torch.cuda.is_available())
        {
            string message = Assert.Throws<LiifException>(() => ComputeDevice.Parse("cuda:0")).Message;
            Assert.Contains("needs a CUDA build of libtorch", message);
            Assert.DoesNotContain("shared", message);
            Assert.IsType<ConfigException>(Assert.ThrowsAny<LiifException>(() => TrainConfig.ResolveDevice("cuda")));
        }
    }

    [Fact]
    public void A_single_thread_is_one_thread()
    {
        Assert.Equal("cpu (1 thread)", ComputeDevice.DescribeCpu(1));
        Assert.Equal("cpu (2 threads)", ComputeDevice.DescribeCpu(2));
    }
}
