using PveCluster.Core.Guests;

namespace PveCluster.Core.Tests.Guests;

public class GuestConfigReaderTests
{
    [Fact]
    public void Reads_onboot_startup_and_template_of_the_current_config_only()
    {
        const string config =
            "#web server\n" +
            "#onboot: 0\n" +
            "cores: 2\n" +
            "onboot: 1\n" +
            "startup: order=3,up=10\n" +
            "\n" +
            "[before-upgrade]\n" +
            "onboot: 0\n" +
            "startup: order=9\n" +
            "template: 1\n";

        var settings = GuestConfigReader.Read(config);

        Assert.Equal(new StartupOrder(3, 10, null), settings.Startup);
        Assert.True(settings.OnBoot);
        Assert.False(settings.IsTemplate);
        Assert.Empty(settings.Problems);
    }

    [Theory]
    [InlineData("onboot: yes", true)]
    [InlineData("onboot: On", true)]
    [InlineData("onboot: true", true)]
    [InlineData("onboot: 0", false)]
    [InlineData("onboot: off", false)]
    [InlineData("cores: 1", false)]
    public void Onboot_takes_Proxmox_boolean_spellings(string line, bool expected)
    {
        Assert.Equal(expected, GuestConfigReader.Read(line + "\n").OnBoot);
    }

    [Fact]
    public void Unreadable_values_are_ignored_and_named()
    {
        var settings = GuestConfigReader.Read("onboot: maybe\r\nstartup: order=first\r\n");

        Assert.False(settings.OnBoot);
        Assert.Equal(StartupOrder.None, settings.Startup);
        Assert.Collection(settings.Problems,
            p => Assert.Contains("invalid onboot 'maybe'", p, StringComparison.Ordinal),
            p => Assert.Contains("invalid startup 'order=first'", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Template_is_read()
    {
        Assert.True(GuestConfigReader.Read("template: 1\nonboot: 1\n").IsTemplate);
    }
}
