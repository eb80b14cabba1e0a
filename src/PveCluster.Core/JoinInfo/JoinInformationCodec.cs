using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PveCluster.Core.JoinInfo;

/// <summary>
/// Encodes and decodes the GUI "Join Information" string: standard padded base64 of UTF-8 JSON
/// with the keys <c>ipAddress, fingerprint, peerLinks, ring_addr, totem</c> in that order.
/// Decoding is as lenient as the GUI (unknown keys ignored, <c>peerLinks</c> and <c>ring_addr</c>
/// optional) but requires a <c>totem</c> object and a well-formed fingerprint.
/// </summary>
public static class JoinInformationCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The base64 text for <paramref name="info"/>.</summary>
    public static string Encode(JoinInformation info)
    {
        ArgumentNullException.ThrowIfNull(info);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("ipAddress", info.IpAddress);
            writer.WriteString("fingerprint", info.Fingerprint.Value);
            writer.WriteStartObject("peerLinks");
            foreach (var (number, address) in info.PeerLinks.OrderBy(p => p.Key))
            {
                writer.WriteString(number.ToString(CultureInfo.InvariantCulture), address);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("ring_addr");
            foreach (var address in info.RingAddresses)
            {
                if (address is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(address);
                }
            }

            writer.WriteEndArray();
            writer.WritePropertyName("totem");
            info.Totem.WriteTo(writer);
            writer.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.ToArray());
    }

    /// <summary>Decodes pasted join information (whitespace and line breaks inside are ignored).</summary>
    /// <exception cref="JoinInformationException">Bad base64, UTF-8 or JSON, no totem, or a bad field.</exception>
    public static JoinInformation Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var compact = new string([.. text.Where(c => !char.IsWhiteSpace(c))]);
        if (compact.Length == 0)
        {
            throw new JoinInformationException("join information is empty");
        }

        var root = ParseJson(DecodeBase64(compact));
        if (root["totem"] is not JsonObject totem)
        {
            throw new JoinInformationException(
                "Does not seem like a valid encoded Cluster Information! (the decoded JSON has no 'totem' object)");
        }

        var ip = RequireString(root, "ipAddress");
        if (!CertificateFingerprint.TryParse(RequireString(root, "fingerprint"), out var fingerprint))
        {
            throw new JoinInformationException(
                $"join information has an invalid fingerprint '{root["fingerprint"]}': expected 32 hex byte pairs separated by ':'");
        }

        return new JoinInformation(ip, fingerprint!, ReadPeerLinks(root), ReadRingAddresses(root), (JsonObject)totem.DeepClone());
    }

    /// <summary>Like <see cref="Decode"/> but reports the problem through <paramref name="error"/>.</summary>
    public static bool TryDecode(string text, out JoinInformation? info, out string? error)
    {
        try
        {
            info = Decode(text);
            error = null;
            return true;
        }
        catch (JoinInformationException ex)
        {
            info = null;
            error = ex.Message;
            return false;
        }
    }

    private static string DecodeBase64(string compact)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(compact);
        }
        catch (FormatException ex)
        {
            throw new JoinInformationException("join information is not valid base64 (copy the whole text from 'Join Information')", ex);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new JoinInformationException("join information does not decode to UTF-8 text", ex);
        }
    }

    private static JsonObject ParseJson(string json)
    {
        JsonNode? node;
        try
        {
            // A duplicate key would otherwise surface later, as an ArgumentException from the object's dictionary (found by pve-fuzz).
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            throw new JoinInformationException($"join information does not contain valid JSON: {ex.Message}", ex);
        }

        return node as JsonObject ?? throw new JoinInformationException("join information must decode to a JSON object");
    }

    private static string RequireString(JsonObject root, string key) =>
        root[key] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new JoinInformationException($"join information has no '{key}' string");

    private static SortedDictionary<int, string> ReadPeerLinks(JsonObject root)
    {
        var links = new SortedDictionary<int, string>();
        switch (root["peerLinks"])
        {
            case null:
                return links;
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 7)
                    {
                        throw new JoinInformationException($"join information peerLinks has an invalid link number '{key}' (expected 0..7)");
                    }

                    if (value is not JsonValue v || !v.TryGetValue<string>(out var address))
                    {
                        throw new JoinInformationException($"join information peerLinks entry '{key}' is not a string address");
                    }

                    links[number] = address;
                }

                return links;
            default:
                throw new JoinInformationException("join information peerLinks must be an object of link number to address");
        }
    }

    private static List<string?> ReadRingAddresses(JsonObject root) =>
        root["ring_addr"] switch
        {
            null => [],
            JsonArray array => [.. array.Select(item => item switch
            {
                null => null,
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                _ => throw new JoinInformationException("join information ring_addr must contain only strings or null"),
            })],
            _ => throw new JoinInformationException("join information ring_addr must be an array"),
        };
}
