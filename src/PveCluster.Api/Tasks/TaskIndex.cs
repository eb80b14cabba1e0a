using System.Text.Json.Nodes;
using PveCluster.Api.Hosting;

namespace PveCluster.Api.Tasks;

/// <summary>
/// The task list of this node, from the task directory (one log file per task, named by its UPID): newest first,
/// with Proxmox's fields <c>upid node pid pstart starttime type id user</c>, and for finished tasks <c>endtime</c>
/// (the log's last write) and <c>status</c> (<c>OK</c> or the error); a running task has status <c>RUNNING</c>, as
/// Proxmox lists active tasks.
/// </summary>
public sealed class TaskIndex(ApiOptions options, TaskRegistry registry)
{
    public const string RunningStatus = "RUNNING";

    /// <summary>The page <paramref name="query"/> asks for, and how many tasks matched in all.</summary>
    public (JsonArray Page, int Total) List(TaskQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matching = AllTasks()
            .Where(upid => query.User is null || upid.User.ToString().Contains(query.User, StringComparison.OrdinalIgnoreCase))
            .Where(upid => query.Type is null || string.Equals(upid.Type, query.Type, StringComparison.Ordinal))
            .Where(upid => query.Since is not { } since || upid.StartTime.ToUnixTimeSeconds() >= since)
            .Where(upid => query.Until is not { } until || upid.StartTime.ToUnixTimeSeconds() <= until)
            .Where(upid => query.Source switch
            {
                TaskSource.Archive => !registry.IsRunning(upid),
                TaskSource.Active => registry.IsRunning(upid),
                _ => true,
            })
            .Select(Describe)
            .Where(task => task is not null && !(query.ErrorsOnly && task["status"]?.GetValue<string>() is "OK"))
            .ToList();
        var page = new JsonArray();
        foreach (var task in matching.Skip(query.Start).Take(query.Limit))
        {
            page.Add(task);
        }

        return (page, matching.Count);
    }

    /// <summary>Every task with a log here, newest first.</summary>
    private IEnumerable<Upid> AllTasks()
    {
        if (!Directory.Exists(options.TaskDir))
        {
            return [];
        }

        var tasks = new List<Upid>();
        foreach (var folder in Directory.EnumerateDirectories(options.TaskDir))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "UPID:*"))
            {
                if (Upid.TryParse(Path.GetFileName(file), out var upid)
                    && string.Equals(upid.Node, options.Node, StringComparison.OrdinalIgnoreCase))
                {
                    tasks.Add(upid);
                }
            }
        }

        return tasks.OrderByDescending(upid => upid.StartTime).ThenByDescending(upid => upid.ToString(), StringComparer.Ordinal);
    }

    /// <summary>The list entry, or null when the log vanished meanwhile.</summary>
    private JsonObject? Describe(Upid upid)
    {
        var entry = new JsonObject
        {
            ["upid"] = upid.ToString(),
            ["node"] = upid.Node,
            ["pid"] = upid.Pid,
            ["pstart"] = upid.ProcessStart,
            ["starttime"] = upid.StartTime.ToUnixTimeSeconds(),
            ["type"] = upid.Type,
            ["id"] = upid.Id,
            ["user"] = upid.User.ToString(),
        };
        if (registry.IsRunning(upid))
        {
            entry["status"] = RunningStatus;
            return entry;
        }

        var path = registry.LogPath(upid);
        try
        {
            var lines = File.ReadAllLines(path);
            entry["endtime"] = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero).ToUnixTimeSeconds();
            entry["status"] = TaskLog.ReadExitStatus(lines) ?? TaskLog.UnexpectedStatus;
            return entry;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
