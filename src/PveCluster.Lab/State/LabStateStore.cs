using System.Text.Json;
using System.Text.Json.Serialization;
using PveCluster.Lab.Naming;

namespace PveCluster.Lab.State;

/// <summary>Reads and writes lab state records and finds existing labs.</summary>
public static class LabStateStore
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes atomically (temp file + rename), so a concurrent reader never sees half a record.</summary>
    public static void Save(LabPaths paths, LabState state)
    {
        var temp = paths.StateFile + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(state, JsonOptions));
        File.Move(temp, paths.StateFile, overwrite: true);
    }

    public static LabState Load(LabPaths paths)
    {
        string json;
        try
        {
            json = File.ReadAllText(paths.StateFile);
        }
        catch (FileNotFoundException)
        {
            throw new LabException($"no lab state at {paths.StateFile}");
        }
        catch (DirectoryNotFoundException)
        {
            throw new LabException($"no lab state at {paths.StateFile}");
        }
        try
        {
            return JsonSerializer.Deserialize<LabState>(json, JsonOptions)
                ?? throw new LabException($"{paths.StateFile} is empty");
        }
        catch (JsonException e)
        {
            throw new LabException($"{paths.StateFile}: line {e.LineNumber + 1}: {e.Message}", e);
        }
    }

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Takes the lab's exclusive state lock (flock on state.lock); dispose to release.</summary>
    public static IDisposable Lock(LabPaths paths)
    {
        var path = Path.Combine(paths.Root, "state.lock");
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Directory.Exists(paths.Root) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }
        }
    }

    /// <summary>Ids of all labs whose directory holds a state record.</summary>
    public static IReadOnlyList<string> ListIds(string baseDirectory)
    {
        if (!Directory.Exists(baseDirectory))
        {
            return [];
        }
        return Directory.EnumerateDirectories(baseDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(LabNames.IsValidId)
            .Where(id => File.Exists(new LabPaths(baseDirectory, id).StateFile))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
