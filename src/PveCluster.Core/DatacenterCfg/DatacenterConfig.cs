using System.Text;
using System.Text.RegularExpressions;

namespace PveCluster.Core.DatacenterCfg;

/// <summary>
/// The datacenter.cfg file: <c>key: value</c> lines and <c>#</c> comments. Every line is kept, so
/// writing the file back changes only the entries that were set or removed; unknown keys survive.
/// </summary>
public sealed partial class DatacenterConfig
{
    private const string MigrationKey = "migration";
    private readonly List<DatacenterConfigLine> _lines;

    private DatacenterConfig(List<DatacenterConfigLine> lines)
    {
        _lines = lines;
    }

    /// <summary>An empty file.</summary>
    public static DatacenterConfig CreateEmpty() => new([]);

    /// <summary>Parses the file text.</summary>
    /// <exception cref="DatacenterConfigException">A malformed line or a duplicate key, with its line number.</exception>
    public static DatacenterConfig Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<DatacenterConfigLine>();
        var firstLineOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var rawLines = text.Split('\n');
        var count = rawLines.Length > 0 && rawLines[^1].Length == 0 ? rawLines.Length - 1 : rawLines.Length;
        for (var i = 0; i < count; i++)
        {
            var number = i + 1;
            var raw = rawLines[i].TrimEnd('\r');
            var trimmed = raw.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                lines.Add(new DatacenterConfigLine(raw, null, null, number));
                continue;
            }

            if (SplitEntry(raw) is not var (key, value))
            {
                throw new DatacenterConfigException(number, $"expected 'key: value', got '{raw}'");
            }

            if (firstLineOfKey.TryGetValue(key, out var first))
            {
                throw new DatacenterConfigException(number, $"duplicate key '{key}' (first set on line {first})");
            }

            firstLineOfKey[key] = number;
            lines.Add(new DatacenterConfigLine(raw, key, value, number));
        }

        return new DatacenterConfig(lines);
    }

    /// <summary>All lines, in file order.</summary>
    public IReadOnlyList<DatacenterConfigLine> Lines => _lines;

    /// <summary>The keys set in the file, in file order.</summary>
    public IEnumerable<string> Keys => _lines.Where(l => l.Key is not null).Select(l => l.Key!);

    /// <summary>The raw value of <paramref name="key"/>, or null when absent.</summary>
    public string? Get(string key) => Find(key)?.Value;

    /// <summary>The 1-based line of <paramref name="key"/> in the parsed text, or null.</summary>
    public int? LineOf(string key) => Find(key)?.LineNumber;

    /// <summary>Sets <paramref name="key"/> in place (or appends it) to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The key or value cannot be written as one line.</exception>
    public void Set(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!KeyPattern().IsMatch(key))
        {
            throw new ArgumentException($"'{key}' is not a valid datacenter.cfg key", nameof(key));
        }

        if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException("a datacenter.cfg value must be a single line", nameof(value));
        }

        var line = new DatacenterConfigLine($"{key}: {value.Trim()}", key, value.Trim(), null);
        var index = _lines.FindIndex(l => l.Key == key);
        if (index >= 0)
        {
            _lines[index] = line with { LineNumber = _lines[index].LineNumber };
        }
        else
        {
            _lines.Add(line);
        }
    }

    /// <summary>Removes <paramref name="key"/>; returns false when it was not set.</summary>
    public bool Remove(string key) => _lines.RemoveAll(l => l.Key == key) > 0;

    /// <summary>The typed <c>migration</c> setting, or null when not set.</summary>
    /// <exception cref="DatacenterConfigException">The value is invalid; the message names its line.</exception>
    public MigrationSettings? GetMigration()
    {
        var line = Find(MigrationKey);
        if (line is null)
        {
            return null;
        }

        try
        {
            return MigrationSettings.Parse(line.Value!);
        }
        catch (FormatException ex)
        {
            throw new DatacenterConfigException(line.LineNumber, ex.Message);
        }
    }

    /// <summary>Writes <paramref name="settings"/> as the <c>migration</c> entry.</summary>
    public void SetMigration(MigrationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Set(MigrationKey, settings.Format());
    }

    /// <summary>The file text, one line per entry, ending with a newline.</summary>
    public string Write()
    {
        var text = new StringBuilder();
        foreach (var line in _lines)
        {
            text.Append(line.Text).Append('\n');
        }

        return text.ToString();
    }

    private DatacenterConfigLine? Find(string key) => _lines.Find(l => l.Key == key);

    /// <summary>
    /// <c>key: value</c> with the key at the start of the line and whitespace around the colon and the
    /// value dropped; null when the line is not an entry. Scanned by hand in linear time: the regex
    /// <c>\s*:\s*(.*?)\s*$</c> it replaces backtracked quadratically on a long run of spaces
    /// (a 60 KB line took 6 s; found by pve-fuzz).
    /// </summary>
    private static (string Key, string Value)? SplitEntry(string line)
    {
        var keyLength = 0;
        while (keyLength < line.Length && (char.IsAsciiLetterOrDigit(line[keyLength]) || line[keyLength] is '_' or '-'))
        {
            keyLength++;
        }

        if (keyLength == 0 || !char.IsAsciiLetter(line[0]))
        {
            return null;
        }

        var colon = keyLength;
        while (colon < line.Length && char.IsWhiteSpace(line[colon]))
        {
            colon++;
        }

        return colon < line.Length && line[colon] == ':' ? (line[..keyLength], line[(colon + 1)..].Trim()) : null;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex KeyPattern();
}
