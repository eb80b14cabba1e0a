using System.Text;

namespace PveCluster.Fuzz.Engine;

/// <summary>How text targets see bytes: UTF-8 as File.ReadAllText reads a file (broken sequences become U+FFFD).</summary>
internal static class TextInput
{
    public static string Decode(byte[] input) => Encoding.UTF8.GetString(input);

    public static byte[] Encode(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] ResourceSample(string name)
    {
        using var stream = typeof(TextInput).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"sample '{name}' is not embedded in the fuzzer");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static IEnumerable<string> ResourceNames(string prefix) =>
        typeof(TextInput).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
}
