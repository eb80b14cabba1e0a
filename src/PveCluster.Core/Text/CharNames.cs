using System.Globalization;

namespace PveCluster.Core.Text;

/// <summary>Names a character so an admin can find it in an error message, even when it is invisible.</summary>
internal static class CharNames
{
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

    /// <summary><paramref name="text"/> with control characters shown as <c>\u0000</c>, so a message never carries them raw.</summary>
    public static string Printable(string text) =>
        text.Any(char.IsControl)
            ? string.Concat(text.Select(c => char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : c.ToString()))
            : text;
}
