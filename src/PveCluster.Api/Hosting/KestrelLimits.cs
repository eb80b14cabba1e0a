using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PveCluster.Api.Hosting;

/// <summary>Maps <see cref="ApiLimits"/> onto Kestrel's server limits and the form reader's limits.</summary>
public static class KestrelLimits
{
    /// <summary>A form can never hold more values than fit in the body; this only stops pathological splits early.</summary>
    private const int MaxFormValues = 256;

    public static void Apply(KestrelServerLimits kestrel, ApiLimits limits)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(limits);
        // Kestrel counts the bytes it hands out, so this holds for chunked bodies too (the 413 comes from the read).
        kestrel.MaxRequestBodySize = limits.MaxRequestBodyBytes;
        kestrel.MaxRequestLineSize = limits.MaxRequestLineBytes;
        kestrel.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
        kestrel.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalBytes;
        kestrel.MaxRequestBufferSize = Math.Max(limits.MaxRequestBufferBytes,
            Math.Max(limits.MaxRequestLineBytes, limits.MaxRequestHeadersTotalBytes));
        kestrel.MaxConcurrentConnections = limits.MaxConnections;
        kestrel.MaxConcurrentUpgradedConnections = 0;
        kestrel.RequestHeadersTimeout = limits.RequestHeadersTimeout;
        kestrel.KeepAliveTimeout = limits.KeepAliveTimeout;
    }

    public static void Apply(FormOptions form, ApiLimits limits)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(limits);
        var body = (int)Math.Min(limits.MaxRequestBodyBytes, int.MaxValue);
        form.BufferBody = false;
        form.ValueCountLimit = MaxFormValues;
        form.ValueLengthLimit = body;
        form.MultipartBodyLengthLimit = body;
        form.MultipartHeadersLengthLimit = Math.Min(body, 16 * 1024);
        form.MemoryBufferThreshold = body;
    }
}
