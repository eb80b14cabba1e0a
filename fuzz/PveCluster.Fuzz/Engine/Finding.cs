using System.Globalization;
using System.Text;

namespace PveCluster.Fuzz.Engine;

internal enum FindingKind
{
    /// <summary>An exception other than the target's own error type escaped.</summary>
    WrongException,

    /// <summary>An accepted input broke an invariant or its round trip.</summary>
    InvariantViolated,

    /// <summary>The input took longer than the per-input bound.</summary>
    Hang,
}

/// <summary>One input that broke a target, with what is needed to turn it into a regression test.</summary>
internal sealed record Finding(string Target, FindingKind Kind, long Iteration, byte[] Input, bool IsText, string Detail)
{
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Target}: {Kind} at input #{Iteration}: {Detail}\n");
        text.Append("  input: ").Append(IsText ? Literal(Input) : Hex(Input)).Append('\n');
        return text.ToString();
    }

    /// <summary>The input as a C# string literal (UTF-8 decoded), cut to a readable length.</summary>
    public static string Literal(byte[] input)
    {
        const int Shown = 400;
        var text = Encoding.UTF8.GetString(input);
        var builder = new StringBuilder("\"");
        foreach (var c in text.Length > Shown ? text[..Shown] : text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || c > '~' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }

        builder.Append('"');
        if (text.Length > Shown)
        {
            builder.Append(CultureInfo.InvariantCulture, $" ... ({input.Length} bytes)");
        }

        return builder.ToString();
    }

    public static string Hex(byte[] input) =>
        input.Length > 1024 ? Convert.ToHexString(input, 0, 1024) + $" ... ({input.Length} bytes)" : Convert.ToHexString(input);
}
