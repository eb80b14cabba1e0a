namespace PveCluster.Lifecycle;

/// <summary>Progress lines on stdout, flushed at once so a task log or a watching admin sees them as they happen.</summary>
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
