using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace PveCluster.Api.Gui;

/// <summary>
/// One GUI request: the file (or index.html for an app route such as <c>/node/n1</c>), its precompressed
/// Brotli or gzip copy when the browser takes it, and caching headers: the content-hashed <c>_framework</c>
/// files are immutable, everything else is revalidated (index.html must never be stale, it names the hashes).
/// </summary>
public sealed class GuiFiles(IFileProvider files)
{
    public const string IndexFile = "index.html";
    public const string ImmutableCache = "public, max-age=31536000, immutable";
    public const string RevalidateCache = "no-cache";
    private const string FrameworkFolder = "/_framework/";

    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    private static readonly (string Token, string Suffix)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    public async Task ServeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var path = context.Request.Path.Value ?? "/";
        if (path.EndsWith(".br", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory)
        {
            if (!IsAppRoute(path))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            path = "/" + IndexFile;
            file = files.GetFileInfo(path);
        }

        if (!ContentTypes.TryGetContentType(path, out var contentType))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var (sent, encoding) = PickEncoding(context, path, file);
        var response = context.Response;
        response.ContentType = contentType;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.CacheControl = path.StartsWith(FrameworkFolder, StringComparison.Ordinal) ? ImmutableCache : RevalidateCache;
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }

        var etag = new EntityTagHeaderValue($"\"{sent.LastModified.ToUnixTimeSeconds():x}-{sent.Length:x}{encoding}\"");
        response.Headers.ETag = etag.ToString();
        if (context.Request.Headers.IfNoneMatch.ToString() == etag.ToString())
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentLength = sent.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await response.SendFileAsync(sent, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A client-side route of the SPA: no file extension in the last segment.</summary>
    private static bool IsAppRoute(string path) => !Path.GetFileName(path).Contains('.', StringComparison.Ordinal);

    private (IFileInfo File, string? Encoding) PickEncoding(HttpContext context, string path, IFileInfo plain)
    {
        var accepted = context.Request.Headers.AcceptEncoding.ToString();
        foreach (var (token, suffix) in Encodings)
        {
            if (accepted.Contains(token, StringComparison.OrdinalIgnoreCase) && files.GetFileInfo(path + suffix) is { Exists: true } compressed)
            {
                return (compressed, token);
            }
        }

        return (plain, null);
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".wasm"] = "application/wasm";
        provider.Mappings[".dat"] = "application/octet-stream";
        provider.Mappings[".blat"] = "application/octet-stream";
        provider.Mappings[".webmanifest"] = "application/manifest+json";
        return provider;
    }
}
