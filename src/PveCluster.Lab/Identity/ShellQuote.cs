namespace PveCluster.Lab.Identity;

/// <summary>Quotes a word for POSIX sh, for the few generated scripts (never for user input run by the lab itself).</summary>
public static class ShellQuote
{
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
