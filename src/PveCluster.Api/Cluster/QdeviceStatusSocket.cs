using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace PveCluster.Api.Cluster;

/// <summary>
/// The local corosync-qdevice's status, read from its control socket with the command corosync-qdevice-tool
/// sends for <c>-sv</c> ("status verbose"), reduced to the fields Proxmox's <c>GET /cluster/config/qdevice</c>
/// returns. No socket (no QDevice on this node) is an empty object, as in Proxmox.
/// </summary>
public static class QdeviceStatusSocket
{
    public const string DefaultPath = "/run/corosync-qdevice/corosync-qdevice.sock";

    /// <summary>The fields Proxmox keeps; the daemon prints more (indented detail lines are skipped anyway).</summary>
    private static readonly HashSet<string> Fields =
        new(["Algorithm", "Echo reply", "Last poll call", "Model", "QNetd host", "State", "Tie-breaker"], StringComparer.Ordinal);

    private const int MaxReplyBytes = 64 * 1024;

    public static async Task<JsonObject> ReadAsync(string socketPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath))
        {
            return [];
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
        await socket.SendAsync("status verbose\n"u8.ToArray(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        var reply = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (reply.Length + read > MaxReplyBytes)
            {
                throw new InvalidDataException($"corosync-qdevice's status reply exceeds {MaxReplyBytes} bytes");
            }

            reply.Write(buffer, 0, read);
        }

        return Parse(Encoding.UTF8.GetString(reply.GetBuffer(), 0, (int)reply.Length));
    }

    /// <summary>"Key:   value" lines at the start of a line; the first status line the daemon sends is "OK" or an error.</summary>
    public static JsonObject Parse(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var result = new JsonObject();
        foreach (var raw in reply.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || char.IsWhiteSpace(line[0]))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].TrimEnd();
            if (Fields.Contains(key) && !result.ContainsKey(key))
            {
                result[key] = line[(colon + 1)..].Trim();
            }
        }

        return result;
    }
}
