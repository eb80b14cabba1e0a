using PveCluster.Lifecycle.Services;

namespace PveCluster.Lifecycle.Tests;

/// <summary>Answers external tools: ssh-keygen writes a key pair, everything else gets the configured result.</summary>
public sealed class FakeProcessRunner : IProcessRunner
{
    public const string GeneratedRootKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJNMDvqbtKCsrcbw/8qngu1J6Cz3pWCIlhwuFNLkQsoT root@generated";

    public List<string> Calls { get; } = [];

    public ProcessResult OtherResult { get; set; } = new(0, "", "");

    /// <summary>Called with the program's name when it is started.</summary>
    public Action<string>? OnRun { get; set; }

    public Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken, string? standardInput = null)
    {
        lock (Calls)
        {
            Calls.Add(string.Join(' ', [program, .. arguments]));
        }

        OnRun?.Invoke(program);
        if (program == "ssh-keygen")
        {
            var keyPath = arguments[arguments.ToList().IndexOf("-f") + 1];
            File.WriteAllText(keyPath, "private");
            File.WriteAllText(keyPath + ".pub", GeneratedRootKey + "\n");
            return Task.FromResult(new ProcessResult(0, "", ""));
        }

        return Task.FromResult(OtherResult);
    }
}
