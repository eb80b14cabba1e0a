using PveCluster.Core.Names;

namespace PveCluster.Core.Tests.Names;

public class NameRulesTests
{
    [Theory]
    [InlineData("pve1")]
    [InlineData("a")]
    [InlineData("prod-eu-central")]
    [InlineData("9node")]
    public void Valid_names_pass_for_nodes_and_clusters(string name)
    {
        Assert.True(NameRules.IsValidNodeName(name));
        Assert.True(NameRules.IsValidClusterName(name));
        NameRules.CheckNodeName(name).ThrowIfInvalid();
    }

    [Theory]
    [InlineData("", "node name must not be empty")]
    [InlineData(null, "node name must not be empty")]
    [InlineData("-pve", "node name '-pve' must not start or end with '-'")]
    [InlineData("pve-", "node name 'pve-' must not start or end with '-'")]
    [InlineData("pve.example.com", "node name 'pve.example.com' must not contain '.' (use the short host name, not the FQDN)")]
    [InlineData("pve_1", "node name 'pve_1' contains '_'; only letters, digits and '-' are allowed")]
    [InlineData("pvé", "node name 'pvé' contains 'é'; only letters, digits and '-' are allowed")]
    public void Invalid_node_names_get_clear_messages(string? name, string message)
    {
        var check = NameRules.CheckNodeName(name);
        Assert.False(check.IsValid);
        Assert.Equal(message, check.Error);
        Assert.Equal(message + " (Parameter 'node')", Assert.Throws<ArgumentException>(() => check.ThrowIfInvalid("node")).Message);
    }

    [Theory]
    [InlineData("pve\0", "U+0000 (NUL)", "pve\\u0000")]
    [InlineData("pve\n1", "U+000A (line feed)", "pve\\u000A1")]
    [InlineData("\0", "U+0000 (NUL)", "\\u0000")]
    [InlineData("pve\u00A0", "U+00A0 (no-break space)", "pve\u00A0")]
    public void Control_and_invisible_characters_are_refused_and_shown_escaped(string name, string character, string shown)
    {
        var node = NameRules.CheckNodeName(name);
        var cluster = NameRules.CheckClusterName(name);

        Assert.Equal($"node name '{shown}' contains {character}; only letters, digits and '-' are allowed", node.Error);
        Assert.Equal($"cluster name '{shown}' contains {character}; only letters, digits and '-' are allowed", cluster.Error);
    }

    [Fact]
    public void Node_names_may_have_63_characters_but_not_64()
    {
        Assert.True(NameRules.IsValidNodeName(new string('a', 63)));
        Assert.Equal(
            $"node name '{new string('a', 64)}' is 64 characters long; at most 63 are allowed",
            NameRules.CheckNodeName(new string('a', 64)).Error);
    }

    [Fact]
    public void Cluster_names_are_limited_to_15_characters()
    {
        Assert.True(NameRules.IsValidClusterName("prod-eu-central"));
        var check = NameRules.CheckClusterName("prod-eu-central1");
        Assert.Equal("cluster name 'prod-eu-central1' is 16 characters long; at most 15 are allowed", check.Error);
        Assert.True(NameRules.IsValidNodeName("prod-eu-central1"));
    }
}
