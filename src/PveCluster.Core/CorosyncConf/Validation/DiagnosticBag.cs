namespace PveCluster.Core.CorosyncConf;

internal sealed class DiagnosticBag
{
    private readonly List<ConfDiagnostic> _items = [];

    public IReadOnlyList<ConfDiagnostic> Items => _items;

    public void Error(string message, ConfItem? at = null) => _items.Add(new(ConfSeverity.Error, message, at?.Line));

    public void Warning(string message, ConfItem? at = null) => _items.Add(new(ConfSeverity.Warning, message, at?.Line));

    /// <summary>Reports a key whose value is present but not one of <paramref name="allowed"/>.</summary>
    public void CheckOneOf(ConfSection section, string path, string key, params string[] allowed)
    {
        var value = section.FindLastValue(key);
        if (value is not null && !allowed.Contains(value.Value, StringComparer.Ordinal))
        {
            Error($"{path}.{key} is '{value.Value}' but must be one of: {string.Join(", ", allowed)}.", value);
        }
    }

    /// <summary>Reports each listed key that is present but not a plain non-negative integer.</summary>
    public void CheckUnsigned(ConfSection section, string path, params string[] keys)
    {
        foreach (var key in keys)
        {
            var value = section.FindLastValue(key);
            if (value is not null && !ConfValues.TryParseUnsigned(value.Value, out _))
            {
                Error($"{path}.{key} must be a non-negative integer, found '{value.Value}'.", value);
            }
        }
    }

    public void CheckFlag(ConfSection section, string path, params string[] keys)
    {
        foreach (var key in keys)
        {
            CheckOneOf(section, path, key, "0", "1");
        }
    }

    /// <summary>A section that must appear exactly once at the top level.</summary>
    public ConfSection? RequireSingle(ConfSection root, string name, string purpose)
    {
        var found = root.Sections(name).ToList();
        if (found.Count == 0)
        {
            Error($"The '{name}' section is missing; it {purpose}.");
            return null;
        }

        if (found.Count > 1)
        {
            var lines = string.Join(", ", found.Select(s => s.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"));
            Error($"The '{name}' section appears {found.Count} times (lines {lines}); keep exactly one.", found[1]);
        }

        return found[0];
    }
}
