using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace PveCluster.Api.Envelope;

/// <summary>
/// Proxmox clients send parameters as a query string, a form (pvesh, the GUI) or a JSON object (API clients);
/// all three end up as name/value strings here, checked against the endpoint's <see cref="ParameterSchema"/>.
/// Body values win over the query string. Every problem is the client's: 400 (or 413/415), never a 500.
/// </summary>
public static class RequestParameters
{
    public const string NotInSchema = "property is not defined in schema and the schema does not allow additional properties";

    public const string BodyOnly = "must be sent in the request body, not in the URL (URLs end up in logs and browser history)";

    /// <summary>ExtJS (the Proxmox GUI) appends <c>_dc=&lt;time&gt;</c> to defeat caches; Proxmox drops it.</summary>
    private const string CacheBuster = "_dc";

    private static readonly object Key = new();

    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(HttpRequest request, ParameterSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(schema);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Query)
        {
            if (name == CacheBuster)
            {
                continue;
            }

            if (Check(schema, name, errors, inUrl: true))
            {
                Add(values, errors, name, value.Count == 1 ? value[0] ?? "" : null);
            }
        }

        var fromBody = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var (name, value) in fromBody)
        {
            if (Check(schema, name, errors, inUrl: false))
            {
                Add(values, errors, name, value);
            }
        }

        if (errors.Count > 0)
        {
            throw ApiException.BadParameters(errors);
        }

        return values;
    }

    /// <summary>The parameters <see cref="ParameterFilter"/> read for this request.</summary>
    /// <exception cref="InvalidOperationException">The endpoint is not behind the parameter filter.</exception>
    public static IReadOnlyDictionary<string, string> Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Key, out var stored) && stored is IReadOnlyDictionary<string, string> parameters
            ? parameters
            : throw new InvalidOperationException("the endpoint's parameters were not read (missing ParameterFilter)");
    }

    public static void Store(HttpContext context, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Key] = parameters;
    }

    public static string Required(IReadOnlyDictionary<string, string> parameters, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw ApiException.BadParameter(name, "property is missing and it is not optional");
    }

    private static bool Check(ParameterSchema schema, string name, Dictionary<string, string> errors, bool inUrl)
    {
        if (!schema.Allows(name))
        {
            errors[Printable(name)] = NotInSchema;
            return false;
        }

        if (inUrl && schema.IsBodyOnly(name))
        {
            errors[name] = BodyOnly;
            return false;
        }

        return true;
    }

    private static void Add(Dictionary<string, string> values, Dictionary<string, string> errors, string name, string? value)
    {
        if (value is null)
        {
            errors[name] = "parameter given more than once";
            return;
        }

        values[name] = value;
    }

    /// <summary>Name/value pairs of the body; a null value marks a name given twice.</summary>
    private static async Task<List<KeyValuePair<string, string?>>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (request.ContentLength is { } length && length > limit)
        {
            throw ApiErrorMiddleware.TooLarge(request.HttpContext);
        }

        if (request.HasFormContentType)
        {
            return await ReadFormAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (request.HasJsonContentType())
        {
            return await ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0))
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType,
                $"unsupported request body type '{request.ContentType}' (use application/x-www-form-urlencoded or application/json)");
        }

        return [];
    }

    private static async Task<List<KeyValuePair<string, string?>>> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            // The form reader's texts describe its internals (limits, boundaries); the client needs the gist.
            throw new ApiException(StatusCodes.Status400BadRequest, "malformed form body (or more than 256 values)");
        }

        if (form.Files.Count > 0)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "file uploads are not accepted here");
        }

        return [.. form.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value.Count == 1 ? pair.Value[0] ?? "" : null))];
    }

    private static async Task<List<KeyValuePair<string, string?>>> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new ApiException(StatusCodes.Status400BadRequest,
                $"invalid JSON body (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "the JSON body must be an object of parameters");
            }

            var pairs = new List<KeyValuePair<string, string?>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var value = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString()!,
                        JsonValueKind.True => "1",
                        JsonValueKind.False => "0",
                        JsonValueKind.Number => property.Value.GetRawText(),
                        _ => throw ApiException.BadParameter(Printable(property.Name), "expected a string, number or boolean"),
                    };
                    pairs.Add(new(property.Name, seen.Add(property.Name) ? value : null));
                }
            }
            catch (InvalidOperationException)
            {
                // JsonDocument checks UTF-8 only when a name or string is read.
                throw new ApiException(StatusCodes.Status400BadRequest, "invalid JSON body: a name or string is not valid UTF-8");
            }

            return pairs;
        }
    }

    /// <summary>A client-chosen name as it may appear in an error: control characters escaped, length bounded.</summary>
    private static string Printable(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Length > 64 ? name[..64] + "…" : name)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.ToString();
    }
}
