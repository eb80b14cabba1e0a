using PveCluster.Lab.Quorum;

namespace PveCluster.Lab.Tests;

public sealed class KnetLinkViewTests
{
    [Fact]
    public void Reads_per_link_peer_states_from_cfgtool_output()
    {
        const string text = "Local node ID 1, transport knet\nLINK ID 0 udp\n\taddr\t= 198.18.2.1\n\tstatus:\n" +
            "\t\tnodeid:          1:\tlocalhost\n\t\tnodeid:          2:\tconnected\n\t\tnodeid:          3:\tdisconnected\n" +
            "LINK ID 1 udp\n\taddr\t= 198.19.2.1\n\tstatus:\n\t\tnodeid:          1:\tlocalhost\n\t\tnodeid:          3:\tconnected\n";
        var view = KnetLinkView.Parse(text);
        Assert.True(view.IsConnected(0, 2));
        Assert.False(view.IsConnected(0, 3));
        Assert.Equal("disconnected", view.State(0, 3));
        Assert.True(view.IsConnected(1, 3));
        Assert.Equal("localhost", view.State(1, 1));
        Assert.Null(view.State(1, 2));
    }
}
