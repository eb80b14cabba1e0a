namespace PveCluster.Lifecycle;

/// <summary>Writes files so a reader (pmxcfs, corosync, another node) never sees half of one: temporary name, then rename.</summary>
public static class AtomicFile
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode Public = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static void Write(string path, string content, UnixFileMode mode) =>
        Write(path, System.Text.Encoding.UTF8.GetBytes(content), mode);

    /// <summary>
    /// The file is created with <paramref name="mode"/> (narrowed by the umask). Below /etc/pve pmxcfs
    /// decides modes by path (everything under priv/ is private) and ignores the requested one.
    /// </summary>
    public static void Write(string path, byte[] content, UnixFileMode mode)
    {
        var temporary = WriteTemporary(path, content, mode);
        try
        {
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
        var temporary = WriteTemporary(path, content, mode);
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

    /// <summary>
    /// Writes the content to a fresh temporary file that has <paramref name="mode"/> from its creation (a key is never
    /// readable by others, not even between the write and a chmod). A stale temporary of an earlier, killed run is
    /// removed first, so the file is really new and its mode is the one asked for.
    /// </summary>
    private static string WriteTemporary(string path, byte[] content, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.new.{Environment.ProcessId}";
        File.Delete(temporary);
        try
        {
            using var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = mode,
            });
            stream.Write(content);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        return temporary;
    }
}
