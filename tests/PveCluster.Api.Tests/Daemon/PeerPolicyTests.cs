using PveCluster.Api.Daemon;

namespace PveCluster.Api.Tests.Daemon;

/// <summary>Who may connect to pvedaemon: decided by uid alone.</summary>
public sealed class PeerPolicyTests
{
    private static readonly PeerPolicy Policy = PeerPolicy.RootAnd(new SystemAccount("www-data", 33, 33));

    [Theory]
    [InlineData(0u)]
    [InlineData(33u)]
    public void Root_and_the_proxy_user_are_let_in(uint uid) =>
        Assert.True(Policy.Allows(new PeerCredentials(100, uid, 65534)));

    [Theory]
    [InlineData(65534u, 33u)]
    [InlineData(1000u, 0u)]
    [InlineData(34u, 33u)]
    public void Any_other_uid_is_refused_whatever_its_group(uint uid, uint gid) =>
        Assert.False(Policy.Allows(new PeerCredentials(100, uid, gid)));

    [Fact]
    public void A_peer_the_kernel_cannot_name_is_refused() => Assert.False(Policy.Allows(null));

    [Fact]
    public void The_proxy_user_is_read_from_the_passwd_file()
    {
        var passwd = Path.GetTempFileName();
        try
        {
            File.WriteAllText(passwd, "root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n");
            Assert.Equal(new SystemAccount("www-data", 33, 33), SystemAccount.Find("www-data", passwd));
            var error = Assert.Throws<InvalidOperationException>(() => SystemAccount.Find("pveproxy", passwd));
            Assert.Contains("user 'pveproxy' does not exist", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(passwd);
        }
    }
}
