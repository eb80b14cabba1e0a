namespace PveCluster.DocGen.Tests;

/// <summary>The generated completion script, run in a real bash with the words typed so far.</summary>
public sealed class BashCompletionWriterTests : IDisposable
{
    private readonly string _script = Path.Combine(Path.GetTempPath(), $"pvecm-completion-{Guid.NewGuid():N}.bash");

    public BashCompletionWriterTests()
    {
        var pvecm = ProgramCatalog.All().Single(p => p.Program == "pvecm");
        File.WriteAllText(_script, BashCompletionWriter.Write(pvecm.Program, pvecm.Root));
    }

    public void Dispose() => File.Delete(_script);

    /// <summary>What bash offers for the last word of <paramref name="line"/> (a trailing space starts a new word).</summary>
    private List<string> Complete(string line)
    {
        var words = line.Split(' ').ToList();
        var quoted = string.Join(' ', words.Select(w => "'" + w + "'"));
        var (exitCode, output, error) = ToolRunner.Run("bash", ["-c",
            $"set -e; source '{_script}'; COMP_WORDS=({quoted}); COMP_CWORD={words.Count - 1}; _pvecm; printf '%s\\n' \"${{COMPREPLY[@]}}\""]);
        Assert.True(exitCode == 0, error);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    [Fact]
    public void Offers_every_visible_top_level_command_and_the_root_options()
    {
        var offered = Complete("pvecm ");
        var pvecm = ProgramCatalog.All().Single(p => p.Program == "pvecm").Root;
        foreach (var command in pvecm.Subcommands.Where(c => !c.Hidden))
            Assert.Contains(command.Name, offered);
        Assert.DoesNotContain("netprobe", offered);
        Assert.Contains("--version", offered);
        Assert.Contains("--help", offered);
    }

    [Fact]
    public void Completes_a_prefix_and_subcommands_of_the_command_typed_so_far()
    {
        Assert.Equal(["link"], Complete("pvecm lin"));
        Assert.Equal(["add", "remove", "set"], Complete("pvecm link ").Where(w => !w.StartsWith('-')).Order(StringComparer.Ordinal));
        Assert.Contains("--force", Complete("pvecm qdevice setup 10.0.0.9 --f"));
    }

    [Fact]
    public void Offers_the_fixed_values_of_the_option_before_the_cursor()
    {
        Assert.Equal(["json", "text"], Complete("pvecm status --output-format ").Order(StringComparer.Ordinal));
        Assert.Equal(["json"], Complete("pvecm nodes --output-format j"));
    }

    [Fact]
    public void Leaves_free_option_values_to_file_completion()
    {
        Assert.Empty(Complete("pvecm link add 1 --network "));
    }
}
