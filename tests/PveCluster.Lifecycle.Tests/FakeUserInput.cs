using PveCluster.Lifecycle.Join;

namespace PveCluster.Lifecycle.Tests;

/// <summary>Scripted stdin: lines for ReadLine, typed secrets for ReadSecret.</summary>
public sealed class FakeUserInput(bool interactive, params string[] lines) : IUserInput
{
    private readonly Queue<string> _lines = new(lines);

    public bool IsInteractive { get; } = interactive;

    public Queue<string> Secrets { get; } = new();

    public int LinesRead { get; private set; }

    public string? ReadLine()
    {
        LinesRead++;
        return _lines.TryDequeue(out var line) ? line : null;
    }

    public string ReadSecret() =>
        IsInteractive ? Secrets.Dequeue() : throw new InvalidOperationException("a secret was read from a non-interactive stdin");
}
