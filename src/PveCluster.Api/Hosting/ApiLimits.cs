namespace PveCluster.Api.Hosting;

/// <summary>
/// What one client can make the server hold. Proxmox's pveproxy allows 64 KiB of POST data, 64 header lines and
/// 8 KiB per header; the rest bounds memory per connection (buffers) and in total (connections).
/// </summary>
public sealed record ApiLimits
{
    /// <summary>Request body bytes actually read, chunked or not; more is answered with 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 64 * 1024;

    public int MaxRequestLineBytes { get; init; } = 8 * 1024;

    public int MaxRequestHeaderCount { get; init; } = 64;

    public int MaxRequestHeadersTotalBytes { get; init; } = 16 * 1024;

    /// <summary>
    /// Bytes Kestrel buffers per connection before it stops reading from the socket; the request line and headers
    /// have to fit, and a body is handed to the endpoint in pieces of at most this size.
    /// </summary>
    public long MaxRequestBufferBytes { get; init; } = 64 * 1024;

    /// <summary>Open connections; one more is closed right after accept.</summary>
    public long MaxConnections { get; init; } = 500;

    /// <summary>A client has this long to send the request line and headers (slow-header clients hold a connection).</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
