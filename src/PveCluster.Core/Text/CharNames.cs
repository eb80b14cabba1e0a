using System.Buffers;
using System.Globalization;
using System.Text;

namespace PveCluster.Core.Text;

/// <summary>Names a character so an admin can find it in an error message, even when it is invisible.</summary>
public static class CharNames
{
    /// <summary>The longest piece of input an error message quotes.</summary>
    public const int MaxQuoted = 256;

    private static readonly SearchValues<char> ControlCharacters =
        SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(i => (char)i), .. Enumerable.Range(0x7F, 0x21).Select(i => (char)i)]);

    /// <summary>A visible character as <c>'x'</c>, an invisible or odd one as <c>U+00A0 (no-break space)</c>.</summary>
    public static string Describe(char c)
    {
        if (IsVisible(c))
        {
            return $"'{c}'";
        }

        var code = string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
        return c switch
        {
            '\0' => code + " (NUL)",
            '\t' => code + " (tab)",
            '\n' => code + " (line feed)",
            '\r' => code + " (carriage return)",
            '\u00A0' => code + " (no-break space)",
            '\u200B' => code + " (zero-width space)",
            '\uFFFD' => code + " (replacement character)",
            _ => code,
        };
    }

    private static bool IsVisible(char c) =>
        char.GetUnicodeCategory(c) is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
        && c != '\uFFFD';

    /// <summary>
    /// <paramref name="text"/> as an error message may quote it: control characters shown as <c>\u0000</c> (so a
    /// message never carries them raw into a log) and anything past <see cref="MaxQuoted"/> characters cut off.
    /// </summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = text.Length > MaxQuoted ? text.AsSpan(0, MaxQuoted) : text.AsSpan();
        if (quoted.Length == text.Length && !quoted.ContainsAny(ControlCharacters))
        {
            return text;
        }

        var builder = new StringBuilder(quoted.Length + 16);
        foreach (var c in quoted)
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        if (quoted.Length < text.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"... ({text.Length} characters)");
        }

        return builder.ToString();
    }
}
