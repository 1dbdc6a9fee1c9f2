using Contrastive.Gemm;

namespace Contrastive.Core.Tests.Gemm;

public class GemmProvidersTests
{
    [Theory]
    [InlineData("managed", typeof(ManagedGemm))]
    [InlineData("Naive", typeof(NaiveGemm))]
    public void Create_resolves_names_case_insensitively(string name, Type expected) =>
        Assert.IsType(expected, GemmProviders.Create(name));

    [Fact]
    public void Unknown_name_lists_the_choices()
    {
        var ex = Assert.Throws<ArgumentException>(() => GemmProviders.Create("mkl"));
        Assert.Contains("managed, openblas or naive", ex.Message);
    }
}
