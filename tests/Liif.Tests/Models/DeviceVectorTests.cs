namespace Liif.Tests.Models;

public sealed class DeviceVectorTests
{
    [Fact]
    public void Holds_exactly_the_given_float32_values()
    {
        using Tensor pair = DeviceVector.Of(CPU, 0.1f, -3.75e-6f);
        using Tensor many = DeviceVector.Of(CPU, 1f, 2.5f, float.Epsilon, -7f);

        Assert.Equal(float32, pair.dtype);
        Assert.Equal(new[] { 0.1f, -3.75e-6f }, pair.data<float>().ToArray());
        Assert.Equal(new[] { 1f, 2.5f, float.Epsilon, -7f }, many.data<float>().ToArray());
    }
}
