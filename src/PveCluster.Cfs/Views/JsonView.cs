using System.Text.Encodings.Web;
using System.Text.Json;

namespace PveCluster.Cfs.Views;

/// <summary>Renders one JSON object the way the generated files present it (indented, trailing newline).</summary>
internal static class JsonView
{
    // The files are read by tools, never embedded in HTML: keep quotes and non-ASCII node names readable.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> writeMembers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            writeMembers(json);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
