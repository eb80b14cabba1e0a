using System.Globalization;

namespace PveCluster.Core.CorosyncConf;

/// <summary>Typed reads and writes of single values, shared by the section views and the validator.</summary>
internal static class ConfValues
{
    /// <summary>Strict decimal digits only: corosync's strtol would accept "+5" or " 5", we want a clean file.</summary>
    public static bool TryParseUnsigned(string? text, out ulong value)
    {
        value = 0;
        return !string.IsNullOrEmpty(text)
            && text.All(char.IsAsciiDigit)
            && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseInt(string? text, out int value)
    {
        value = 0;
        return !string.IsNullOrEmpty(text)
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static int? GetInt(ConfSection section, string key, string path)
    {
        var value = section.FindLastValue(key);
        if (value is null)
        {
            return null;
        }

        return TryParseInt(value.Value, out var parsed)
            ? parsed
            : throw new ConfValueException($"{path}.{key} must be an integer, found '{value.Value}'{LineSuffix(value)}.");
    }

    public static ulong? GetUnsigned(ConfSection section, string key, string path)
    {
        var value = section.FindLastValue(key);
        if (value is null)
        {
            return null;
        }

        return TryParseUnsigned(value.Value, out var parsed)
            ? parsed
            : throw new ConfValueException($"{path}.{key} must be a non-negative integer, found '{value.Value}'{LineSuffix(value)}.");
    }

    public static bool? GetFlag(ConfSection section, string key, string path)
    {
        var value = section.FindLastValue(key);
        return value?.Value switch
        {
            null => null,
            "1" => true,
            "0" => false,
            _ => throw new ConfValueException($"{path}.{key} must be 0 or 1, found '{value.Value}'{LineSuffix(value)}."),
        };
    }

    public static void Set(ConfSection section, string key, string? value)
    {
        if (value is null)
        {
            section.RemoveValues(key);
        }
        else
        {
            section.SetValue(key, value);
        }
    }

    public static void Set(ConfSection section, string key, long? value) =>
        Set(section, key, value?.ToString(CultureInfo.InvariantCulture));

    public static void Set(ConfSection section, string key, ulong? value) =>
        Set(section, key, value?.ToString(CultureInfo.InvariantCulture));

    public static void SetFlag(ConfSection section, string key, bool? value) =>
        Set(section, key, value switch { null => null, true => "1", false => "0" });

    public static string LineSuffix(ConfItem item) => item.Line is { } line ? $" (line {line})" : "";
}
