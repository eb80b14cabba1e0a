using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PveCluster.Api.Daemon;

/// <summary>Kestrel connection middleware of pvedaemon: a connection from a uid the <see cref="PeerPolicy"/> refuses is closed before any byte is read.</summary>
public static class PeerCheck
{
    public static void Use(ListenOptions listen, PeerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Use(next => async connection =>
        {
            var socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket;
            var peer = socket is null ? null : PeerCredentials.Of(socket);
            if (!policy.Allows(peer))
            {
                listen.ApplicationServices.GetRequiredService<ILogger<PeerPolicy>>().LogWarning("refused a connection to pvedaemon from {Peer}: only root and www-data may connect",
                    peer is { } p ? $"pid {p.Pid} uid {p.Uid} gid {p.Gid}" : "an unknown peer");
                connection.Abort(new ConnectionAbortedException("peer not allowed"));
                return;
            }

            await next(connection).ConfigureAwait(false);
        });
    }
}
