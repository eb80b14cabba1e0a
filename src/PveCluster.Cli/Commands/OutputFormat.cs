using System.CommandLine;

namespace PveCluster.Cli.Commands;

/// <summary>The <c>--output-format text|json</c> option every read command shares (Proxmox CLI convention).</summary>
internal static class OutputFormat
{
    public const string Text = "text";
    public const string Json = "json";

    public static Option<string> CreateOption()
    {
        var option = new Option<string>("--output-format")
        {
            Description = "Output format: text (default, like corosync-quorumtool) or json.",
            DefaultValueFactory = _ => Text,
        };
        option.AcceptOnlyFromAmong(Text, Json);
        return option;
    }
}
