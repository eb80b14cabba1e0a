using PveCluster.Core.Guests;

namespace PveCluster.Core.Tests.Guests;

public class StartupOrderTests
{
    [Theory]
    [InlineData("order=2,up=30,down=90", 2ul, 30ul, 90ul)]
    [InlineData("2", 2ul, null, null)]
    [InlineData("up=5", null, 5ul, null)]
    [InlineData("down=0,order=0", 0ul, null, 0ul)]
    [InlineData("order=1,,up=2,", 1ul, 2ul, null)]
    [InlineData("order=1,order=7", 7ul, null, null)]
    [InlineData("", null, null, null)]
    public void Reads_Proxmox_startup_values(string text, ulong? order, ulong? up, ulong? down)
    {
        Assert.True(StartupOrder.TryParse(text, out var startup));

        Assert.Equal(new StartupOrder(order, up, down), startup);
    }

    [Theory]
    [InlineData("order=-1")]
    [InlineData("order=1, up=5")]
    [InlineData("order=x")]
    [InlineData("up=")]
    [InlineData("delay=4")]
    [InlineData("order=1.5")]
    [InlineData("order=٣")]
    [InlineData("order=99999999999999999999999")]
    public void Refuses_what_Proxmox_refuses(string text)
    {
        Assert.False(StartupOrder.TryParse(text, out var startup));
        Assert.Equal(StartupOrder.None, startup);
    }
}
