using System.Collections.Concurrent;
using PveCluster.Api.Hosting;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Tasks;

/// <summary>
/// Runs long operations (cluster create, join) in the background. Each gets a UPID and a log file under the task
/// directory (<c>&lt;taskdir&gt;/&lt;last hex digit of start time&gt;/&lt;UPID&gt;</c>); clients poll the status and the log.
/// </summary>
public sealed class TaskRegistry : IDisposable
{
    private readonly ApiOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TaskRegistry> _logger;
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startLock = new();
    private readonly int _pid = Environment.ProcessId;
    private readonly ulong _processStart = ProcessStartTime.Read();
    private long _lastStartSeconds;

    public TaskRegistry(ApiOptions options, TimeProvider time, ILogger<TaskRegistry> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Starts <paramref name="work"/> in the background and returns its UPID at once.</summary>
    /// <exception cref="ArgumentException">Type or id contain ':' or whitespace.</exception>
    public Upid Start(string type, string id, UserId user, Func<TaskLog, CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!Upid.IsValidPart(type) || !(id.Length == 0 || Upid.IsValidPart(id)))
        {
            throw new ArgumentException($"task type '{type}' and id '{id}' may not contain ':' or whitespace");
        }

        Upid upid;
        lock (_startLock)
        {
            // Every task of this process shares pid and pstart, so the start second alone keeps UPIDs unique.
            var seconds = Math.Max(_time.GetUtcNow().ToUnixTimeSeconds(), _lastStartSeconds + 1);
            _lastStartSeconds = seconds;
            upid = new Upid(_options.Node, _pid, _processStart, DateTimeOffset.FromUnixTimeSeconds(seconds), type, id, user);
        }

        var path = LogPath(upid);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        var log = new TaskLog(path);
        var key = upid.ToString();
        var started = new TaskCompletionSource();
        _running[key] = Task.Run(async () =>
        {
            await started.Task.ConfigureAwait(false);
            await RunAsync(upid, log, work).ConfigureAwait(false);
            _running.TryRemove(key, out _);
        });
        started.SetResult();
        _logger.LogInformation("started task {Upid}", upid);
        return upid;
    }

    public TaskStatusResponse? GetStatus(Upid upid)
    {
        ArgumentNullException.ThrowIfNull(upid);
        var running = _running.ContainsKey(upid.ToString());
        var lines = ReadLines(upid);
        if (lines is null && !running)
        {
            return null;
        }

        return new TaskStatusResponse
        {
            Upid = upid.ToString(),
            Node = upid.Node,
            Pid = upid.Pid,
            Pstart = upid.ProcessStart,
            StartTime = upid.StartTime.ToUnixTimeSeconds(),
            Type = upid.Type,
            Id = upid.Id,
            User = upid.User.ToString(),
            Status = running ? "running" : "stopped",
            // A log without final line and no running task: the server died while the task ran.
            ExitStatus = running ? null : TaskLog.ReadExitStatus(lines ?? []) ?? TaskLog.UnexpectedStatus,
        };
    }

    /// <summary>Lines <paramref name="start"/> (0-based) onwards, at most <paramref name="limit"/>, and the total count; null if unknown.</summary>
    public (List<TaskLogLine> Lines, int Total)? ReadLog(Upid upid, int start, int limit)
    {
        ArgumentNullException.ThrowIfNull(upid);
        var lines = ReadLines(upid);
        if (lines is null)
        {
            return null;
        }

        var page = lines.Skip(start).Take(limit).Select((text, i) => new TaskLogLine(start + i + 1, text)).ToList();
        return (page, lines.Count);
    }

    public bool IsRunning(Upid upid) => _running.ContainsKey(upid?.ToString() ?? "");

    /// <summary>Completes when the task has finished (immediately for unknown or finished tasks).</summary>
    public Task WaitAsync(Upid upid) => _running.TryGetValue(upid?.ToString() ?? "", out var task) ? task : Task.CompletedTask;

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync(Upid upid, TaskLog log, Func<TaskLog, CancellationToken, Task> work)
    {
        try
        {
            await work(log, _stopping.Token).ConfigureAwait(false);
            log.Write(TaskLog.OkLine);
            _logger.LogInformation("task {Upid} finished: OK", upid);
        }
        catch (Exception e)
        {
            var message = e.Message.ReplaceLineEndings(" ").Trim();
            log.Write(TaskLog.ErrorPrefix + message);
            _logger.LogWarning(e, "task {Upid} failed", upid);
        }
    }

    public string LogPath(Upid upid) => Path.Combine(_options.TaskDir, upid.StartTimeHex[^1..], upid.ToString());

    private List<string>? ReadLines(Upid upid)
    {
        try
        {
            return [.. File.ReadAllLines(LogPath(upid))];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
