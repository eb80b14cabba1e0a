using System.Text;

namespace PveCluster.DocGen;

/// <summary>Escaping for man(7) source text.</summary>
internal static class Roff
{
    /// <summary>
    /// Text as roff prints it literally: backslashes escaped, hyphens as <c>\-</c> (so options stay ASCII minus signs
    /// and searchable), and a line starting with a control character (<c>.</c> or <c>'</c>) protected.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        var lineStart = true;
        foreach (var c in text)
        {
            if (lineStart && c is '.' or '\'')
                builder.Append(@"\&");
            builder.Append(c switch
            {
                '\\' => @"\e",
                '-' => @"\-",
                _ => c.ToString(),
            });
            lineStart = c == '\n';
        }

        return builder.ToString();
    }

    public static string Bold(string text) => $@"\fB{Escape(text)}\fR";

    public static string Italic(string text) => $@"\fI{Escape(text)}\fR";
}
