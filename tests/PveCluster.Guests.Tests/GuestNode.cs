using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PveCluster.Lifecycle.Services;

namespace PveCluster.Guests.Tests;

/// <summary>
/// A node's /etc/pve in a temporary directory and fake qm/pct tools: what the tools were asked, at which (fake) time,
/// and which guests run.
/// </summary>
internal sealed class GuestNode : IProcessRunner, IDisposable
{
    private readonly List<string> _log = [];
    private readonly string _root = Directory.CreateTempSubdirectory("pve-guests-test.").FullName;

    public GuestNode()
    {
        Directory.CreateDirectory(Path.Combine(_root, "local", "qemu-server"));
        Directory.CreateDirectory(Path.Combine(_root, "local", "lxc"));
        Pve = new PveDirectory(_root);
        SetQuorate(true);
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UnixEpoch);

    public PveDirectory Pve { get; }

    public HashSet<string> Running { get; } = [];

    public HashSet<string> Failing { get; } = [];

    /// <summary>Called with "pct:200" when that guest has been started.</summary>
    public Action<string>? Started { get; set; }

    /// <summary>"start 101 @5" = start of guest 101 at fake second 5; shutdown lines carry their arguments.</summary>
    public IReadOnlyList<string> Calls { get { lock (_log) return [.. _log]; } }

    public List<string> Logged { get; } = [];

    public void AddGuest(string kind, uint vmid, string config) =>
        File.WriteAllText(Path.Combine(_root, "local", kind, $"{vmid}.conf"), config);

    public void SetQuorate(bool quorate) => File.WriteAllText(Pve.MembersFile,
        """{"nodename":"n1","version":4,"cluster":{"name":"c","version":2,"nodes":3,"quorate":""" + (quorate ? "1" : "0") + """},"nodelist":{}}""");

    public GuestStarter Starter() =>
        new(new NodeGuestScanner(Pve, Logger()), new QuorumWaiter(Pve, Time, Logger()), Tools(), Time, Logger());

    public GuestStopper Stopper() => new(new NodeGuestScanner(Pve, Logger()), Tools(), Logger());

    /// <summary>Runs <paramref name="run"/>, moving the fake clock a second at a time until it ends.</summary>
    public async Task<int> RunAdvancingAsync(Func<Task<int>> run, Action<TimeSpan>? atEachSecond = null)
    {
        var task = Task.Run(run);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!task.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
            Time.Advance(TimeSpan.FromSeconds(1));
            atEachSecond?.Invoke(Time.GetUtcNow() - DateTimeOffset.UnixEpoch);
        }

        return await task;
    }

    public Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken, string? standardInput = null)
    {
        var action = arguments[0];
        var guest = $"{program}:{arguments[1]}";
        if (action == "status")
            return Task.FromResult(new ProcessResult(0, Running.Contains(guest) ? "status: running\n" : "status: stopped\n", ""));

        var second = (long)(Time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds;
        lock (_log)
            _log.Add(string.Join(' ', [program, .. arguments, "@" + second.ToString(CultureInfo.InvariantCulture)]));
        if (Failing.Contains(guest))
            return Task.FromResult(new ProcessResult(255, "", $"{guest}: no such storage"));
        if (action == "start")
        {
            Running.Add(guest);
            Started?.Invoke(guest);
        }
        else
            Running.Remove(guest);
        return Task.FromResult(new ProcessResult(0, "", ""));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private GuestTools Tools() => new("qm", "pct", this);

    private ListLogger Logger() => new(Logged);

    private sealed class ListLogger(List<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
                lines.Add($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
