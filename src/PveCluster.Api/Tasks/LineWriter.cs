using System.Text;

namespace PveCluster.Api.Tasks;

/// <summary>
/// A TextWriter that hands on whole lines: the lifecycle library prints progress as pvecm does ("step..." then
/// "OK" on the same line), and a task log or the server log wants each finished line once.
/// </summary>
public sealed class LineWriter(Action<string> writeLine) : TextWriter
{
    private readonly StringBuilder _pending = new();
    private readonly Lock _lock = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_lock)
        {
            if (value == '\n')
            {
                EmitPending();
            }
            else if (value != '\r')
            {
                _pending.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var character in value ?? "")
        {
            Write(character);
        }
    }

    /// <summary>A line left unfinished (a step interrupted by an exception) still reaches the log.</summary>
    protected override void Dispose(bool disposing)
    {
        lock (_lock)
        {
            if (_pending.Length > 0)
            {
                EmitPending();
            }
        }

        base.Dispose(disposing);
    }

    private void EmitPending()
    {
        var line = _pending.ToString();
        _pending.Clear();
        writeLine(line);
    }
}
