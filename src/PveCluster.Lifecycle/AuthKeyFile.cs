using System.Security.Cryptography;

namespace PveCluster.Lifecycle;

/// <summary>
/// The corosync authkey: 128 random bytes, mode 0400, exactly what <c>corosync-keygen -l</c> writes
/// (it reads /dev/urandom). We write it ourselves so create and keygen do not depend on that tool's
/// path or its refusal to run without a terminal on older versions.
/// </summary>
public static class AuthKeyFile
{
    public const int Length = 128;

    public const UnixFileMode Mode = UnixFileMode.UserRead;

    /// <summary>Writes a new key; false when <paramref name="path"/> already exists (it is never overwritten).</summary>
    public static bool TryCreate(string path) => AtomicFile.WriteIfAbsent(path, RandomNumberGenerator.GetBytes(Length), Mode);

    /// <exception cref="LifecycleException">The key is missing or unreadable.</exception>
    public static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LifecycleException($"cannot read the corosync authkey '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Installs the cluster's key received while joining, replacing a local one.</summary>
    public static void Install(string path, byte[] key) => AtomicFile.Write(path, key, Mode);
}
