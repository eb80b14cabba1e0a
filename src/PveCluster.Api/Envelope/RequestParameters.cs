using System.Text.Json;

namespace PveCluster.Api.Envelope;

/// <summary>
/// Proxmox clients send parameters as a query string, a form (pvesh, the GUI) or a JSON object (API clients);
/// all three end up as name/value strings here. Body values win over the query string.
/// </summary>
public static class RequestParameters
{
    private const int MaxBodyBytes = 64 * 1024;

    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            values[key] = value.ToString();
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            throw new ApiException(StatusCodes.Status413PayloadTooLarge, "request body too large");
        }

        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                // The form reader's texts describe its internals (limits, raw bytes); the client needs the gist (found by pve-fuzz).
                throw new ApiException(StatusCodes.Status400BadRequest, "malformed form body (or a name or value over the form limits)");
            }

            foreach (var (key, value) in form)
            {
                values[key] = value.ToString();
            }
        }
        else if (request.HasJsonContentType())
        {
            await ReadJsonAsync(request, values, cancellationToken).ConfigureAwait(false);
        }

        return values;
    }

    public static string Required(IReadOnlyDictionary<string, string> parameters, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw ApiException.BadParameter(name, "property is missing and it is not optional");
    }

    private static async Task ReadJsonAsync(HttpRequest request, Dictionary<string, string> values, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            // The parser's message quotes the body, control characters included; the position is what helps.
            throw new ApiException(StatusCodes.Status400BadRequest, $"invalid JSON body (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "the JSON body must be an object of parameters");
            }

            try
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    values[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString()!,
                        JsonValueKind.True => "1",
                        JsonValueKind.False => "0",
                        JsonValueKind.Number => property.Value.GetRawText(),
                        _ => throw ApiException.BadParameter(property.Name, "expected a string, number or boolean"),
                    };
                }
            }
            catch (InvalidOperationException)
            {
                // JsonDocument checks UTF-8 only when a name or string is read (found by pve-fuzz).
                throw new ApiException(StatusCodes.Status400BadRequest, "invalid JSON body: a name or string is not valid UTF-8");
            }
        }
    }
}
