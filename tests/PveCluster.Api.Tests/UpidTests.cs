using PveCluster.Api.Tasks;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Tests;

public sealed class UpidTests
{
    [Fact]
    public void Formats_like_proxmox_and_parses_back()
    {
        var upid = new Upid("pve1", 0x1234, 0xABCDEF, DateTimeOffset.FromUnixTimeSeconds(0x6926EC40), "clustercreate", "lab",
            UserId.Parse("root@pam"));

        var text = upid.ToString();

        Assert.Equal("UPID:pve1:00001234:00ABCDEF:6926EC40:clustercreate:lab:root@pam:", text);
        Assert.True(Upid.TryParse(text, out var parsed));
        Assert.Equal(upid, parsed);
        Assert.Equal("0", upid.StartTimeHex[^1..]);
    }

    [Fact]
    public void Parses_a_upid_with_an_empty_id()
    {
        Assert.True(Upid.TryParse("UPID:pve1:00001234:00ABCDEF:6926EC40:clusterjoin::root@pam:", out var parsed));
        Assert.Equal("", parsed.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("UPID:pve1:1234:00ABCDEF:6926EC40:t:i:root@pam:")]
    [InlineData("UPID:pve1:00001234:00ABCDEF:6926EC40:t:i:root@pam")]
    [InlineData("UPID:pve1:00001234:00ABCDEF:6926EC40:t:i:root:")]
    [InlineData("XPID:pve1:00001234:00ABCDEF:6926EC40:t:i:root@pam:")]
    public void Rejects_malformed_upids(string text)
    {
        Assert.False(Upid.TryParse(text, out _));
    }
}
