using System.CommandLine;

namespace PveCluster.DocGen;

/// <summary>One installed program as its man page describes it.</summary>
/// <param name="Program">The executable's name (<c>pvecm</c>).</param>
/// <param name="Section">1 for user commands, 8 for daemons and administration.</param>
/// <param name="Package">The Debian package that installs it.</param>
/// <param name="Root">Its command-line definition.</param>
/// <param name="Notes">Facts the definition cannot hold (files, service unit), as (heading, text) pairs.</param>
internal sealed record ProgramDocumentation(
    string Program, int Section, string Package, RootCommand Root, IReadOnlyList<(string Heading, string Text)> Notes)
{
    public string FileName => $"{Program}.{Section}";

    /// <summary>The programs' own pages reference each other.</summary>
    public static IReadOnlyList<string> AllPages { get; } = ["pvecm(1)", "pmxcfs(8)", "pvedaemon(8)", "pveproxy(8)"];
}
