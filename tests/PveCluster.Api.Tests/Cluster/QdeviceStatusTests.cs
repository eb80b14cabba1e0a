using System.Net;
using System.Net.Sockets;
using System.Text;
using PveCluster.Api.Cluster;

namespace PveCluster.Api.Tests.Cluster;

/// <summary>GET /cluster/config/qdevice: the qdevice control socket's "status verbose" reply, reduced to Proxmox's fields.</summary>
public sealed class QdeviceStatusTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    // What corosync-qdevice 3.0.3 answers (as corosync-qdevice-tool -sv prints it), from a lab node.
    private const string Reply = """
        OK
        Qdevice information
        -------------------
        Model:			Net
        Node ID:		2
        Configuration version:	2
        Membership node list:	1, 2

        Qdevice-net information
        ----------------------
        Cluster name:		labcluster
        QNetd host:		198.18.3.100:5403
        Algorithm:		Fifty-Fifty split
        Tie-breaker:		Node with lowest node ID
        State:			Connected
        Echo reply:		Received
        Last poll call:		2026-12-01 18:04:35
          TLS active:		Yes (client certificate sent)
        """;

    [Fact]
    public void Only_proxmoxs_fields_are_kept_and_indented_detail_lines_are_skipped()
    {
        var status = QdeviceStatusSocket.Parse(Reply);

        Assert.Equal(
            ["Model", "QNetd host", "Algorithm", "Tie-breaker", "State", "Echo reply", "Last poll call"],
            status.Select(field => field.Key));
        Assert.Equal("198.18.3.100:5403", status["QNetd host"]!.GetValue<string>());
        Assert.Equal("Node with lowest node ID", status["Tie-breaker"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_qdevice_on_the_node_the_answer_is_an_empty_object()
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/config/qdevice");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{}", body["data"]!.ToJsonString());
    }

    [Fact]
    public async Task The_running_qdevice_is_asked_for_its_verbose_status()
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(server.QdeviceSocket));
        listener.Listen(1);
        try
        {
            var daemon = AnswerOnceAsync(listener);
            using var client = server.RootClient();
            var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/config/qdevice");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("status verbose\n", await daemon);
            Assert.Equal("Connected", body["data"]!["State"]!.GetValue<string>());
            Assert.Equal(7, body["data"]!.AsObject().Count);
        }
        finally
        {
            File.Delete(server.QdeviceSocket);
        }
    }

    private static async Task<string> AnswerOnceAsync(Socket listener)
    {
        using var connection = await listener.AcceptAsync();
        var buffer = new byte[256];
        var read = await connection.ReceiveAsync(buffer, SocketFlags.None);
        await connection.SendAsync(Encoding.UTF8.GetBytes(Reply), SocketFlags.None);
        connection.Shutdown(SocketShutdown.Both);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
