namespace PveCluster.Lifecycle;

/// <summary>Writes files so a reader (pmxcfs, corosync, another node) never sees half of one: temporary name, then rename.</summary>
public static class AtomicFile
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode Public = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static void Write(string path, string content, UnixFileMode mode) =>
        Write(path, System.Text.Encoding.UTF8.GetBytes(content), mode);

    /// <summary>
    /// The mode is best effort: pmxcfs fixes modes by path (everything under priv/ is private) and
    /// refuses chmod to anything else, so a refused chmod is not an error.
    /// </summary>
    public static void Write(string path, byte[] content, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.new.{Environment.ProcessId}";
        try
        {
            File.WriteAllBytes(temporary, content);
            TrySetMode(temporary, mode);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes only when <paramref name="path"/> does not exist yet; false when it did.</summary>
    public static bool WriteIfAbsent(string path, byte[] content, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.new.{Environment.ProcessId}";
        File.WriteAllBytes(temporary, content);
        TrySetMode(temporary, mode);
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    private static void TrySetMode(string path, UnixFileMode mode)
    {
        try
        {
            File.SetUnixFileMode(path, mode);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            // pmxcfs: the mode follows from the path.
        }
    }
}
