namespace PveCluster.Corosync.Dispatch;

/// <summary>How every client connects when it is created: one that cannot connect is disposed, never handed out half-open.</summary>
internal static class ClientConnector
{
    public static TClient ConnectOrDispose<TClient>(TClient client, Action connect)
        where TClient : IDisposable
    {
        try
        {
            connect();
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
