using PveCluster.Gui.Forms;

namespace PveCluster.Gui.Tests.Forms;

public sealed class CreateClusterModelTests
{
    [Theory]
    [InlineData("a-very-long-cluster", "at most 15")]
    [InlineData("prod.eu", "must not contain '.'")]
    [InlineData("-prod", "must not start or end with '-'")]
    [InlineData("prod_1", "only letters, digits and '-'")]
    public void Invalid_names_say_why(string name, string reason)
    {
        var model = new CreateClusterModel(["10.0.0.1"]) { Name = name };
        Assert.Contains(reason, model.NameError, StringComparison.Ordinal);
        Assert.False(model.IsValid);
    }

    [Fact]
    public void An_empty_name_is_not_yet_an_error_but_not_valid()
    {
        var model = new CreateClusterModel(["10.0.0.1"]);
        Assert.Null(model.NameError);
        Assert.False(model.IsValid);
    }

    [Fact]
    public void A_valid_name_with_links_submits_clustername_and_links()
    {
        var model = new CreateClusterModel(["10.0.0.1"]) { Name = "prod-1" };
        Assert.True(model.IsValid);
        Assert.Equal([new("clustername", "prod-1"), new("link0", "10.0.0.1")], model.ToParameters().ToList());
    }
}
