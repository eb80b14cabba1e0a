namespace PveCluster.Lifecycle;

/// <summary>Progress lines on the caller's writer (pvecm: stdout; pve-api: the task log), flushed at once so they show as they happen.</summary>
public sealed class ProgressWriter(TextWriter output)
{
    public void Line(string text)
    {
        output.WriteLine(text);
        output.Flush();
    }

    /// <summary>Prints "text..." and then "OK" on the same line when <paramref name="step"/> succeeds.</summary>
    public async Task StepAsync(string text, Func<Task> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        output.Write(text + "...");
        output.Flush();
        try
        {
            await step().ConfigureAwait(false);
        }
        catch
        {
            Line("FAILED");
            throw;
        }

        Line("OK");
    }
}
