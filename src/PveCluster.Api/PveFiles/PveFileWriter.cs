namespace PveCluster.Api.PveFiles;

/// <summary>
/// Writes a file under the pve-dir as a temporary file plus rename, so a reader (on any node: pmxcfs replicates the
/// rename as one operation) never sees half a key.
/// </summary>
public static class PveFileWriter
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode Public = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <param name="path">Target file.</param>
    /// <param name="content">The whole new content.</param>
    /// <param name="mode">Mode of the new file.</param>
    /// <param name="replace">False: fail if the target exists.</param>
    /// <param name="modified">Modification time to give the file (key age is read from it); the write time when null.</param>
    public static void Write(string path, string content, UnixFileMode mode, bool replace = false, DateTimeOffset? modified = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.tmp.{Environment.ProcessId}.{Guid.NewGuid():N}";
        try
        {
            // The mode is given at creation (no window with a wider mode, and pmxcfs refuses a later chmod: its modes are fixed).
            using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = mode,
            }))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
            }

            if (modified is { } time)
            {
                File.SetLastWriteTimeUtc(temporary, time.UtcDateTime);
            }

            File.Move(temporary, path, overwrite: replace);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
