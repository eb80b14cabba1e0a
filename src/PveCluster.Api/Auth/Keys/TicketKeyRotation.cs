using System.Runtime.InteropServices;
using System.Security.Cryptography;
using PveCluster.Api.Interop.Libc;
using PveCluster.Api.PveFiles;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Auth.Keys;

/// <summary>
/// Replaces the ticket signing key, cluster-wide, once. Every node may try at the same moment: the directory
/// <c>priv/lock/authkey</c> is the lock (pmxcfs orders the mkdirs, one succeeds), and the winner checks again
/// under the lock whether the key is still due, so a node that lost the race or came a moment later never rotates
/// a key that was just replaced. The new files are written in Proxmox's order, previous public key first, then the
/// new public key, then the private key: whatever a crash leaves behind, tickets signed with the private key in use
/// keep validating.
/// </summary>
public sealed class TicketKeyRotation(PveDirectory pveDir, TimeProvider time, ILogger<TicketKeyRotation> logger)
{
    public const string LockName = "authkey";

    /// <summary>A lock older than this belongs to a node that died while rotating (pmxcfs' own lock timeout).</summary>
    public static readonly TimeSpan StaleLockAge = TimeSpan.FromSeconds(120);

    private string LockPath => Path.Combine(pveDir.LockDirectory, LockName);

    /// <summary>Rotates if the key is due (or the key pair does not match); true when this call rotated it.</summary>
    /// <remarks>Failures (no quorum: pmxcfs refuses writes) are logged; the current key stays in use until the next try.</remarks>
    public bool RotateIfDue()
    {
        try
        {
            if (!NeedsRotation(out _) || !TryLock())
            {
                return false;
            }

            try
            {
                // Again under the lock: another node may have finished a rotation since the first look.
                if (!NeedsRotation(out var reason))
                {
                    return false;
                }

                Rotate(reason);
                return true;
            }
            finally
            {
                Unlock();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or FormatException)
        {
            logger.LogWarning("ticket key rotation failed, the current key stays in use: {Problem}", e.Message);
            return false;
        }
    }

    private bool NeedsRotation(out string reason)
    {
        var now = time.GetUtcNow();
        var publicInfo = new FileInfo(pveDir.AuthPublicKey);
        if (!publicInfo.Exists || !File.Exists(pveDir.AuthPrivateKey))
        {
            // Creating the first key pair is setup's job (pvedaemon setup-certs, pvecm create/updatecerts).
            reason = "";
            return false;
        }

        var created = new DateTimeOffset(publicInfo.LastWriteTimeUtc, TimeSpan.Zero);
        if (TicketKeyRules.IsDue(created, now))
        {
            reason = $"key from {created:u} is due (now {now:u})";
            return true;
        }

        if (!PairMatches())
        {
            reason = "authkey.pub does not belong to priv/authkey.key (an interrupted rotation)";
            return true;
        }

        reason = "";
        return false;
    }

    private bool PairMatches()
    {
        using var privateKey = AuthKeyMaterial.ImportKey(File.ReadAllText(pveDir.AuthPrivateKey), "authkey.key");
        using var publicKey = AuthKeyMaterial.ImportKey(File.ReadAllText(pveDir.AuthPublicKey), "authkey.pub");
        return privateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKey.ExportSubjectPublicKeyInfo());
    }

    private void Rotate(string reason)
    {
        var now = time.GetUtcNow();
        using var current = AuthKeyMaterial.ImportKey(File.ReadAllText(pveDir.AuthPrivateKey), "authkey.key");
        var (newPrivate, newPublic) = AuthKeyMaterial.GenerateAuthKey();
        // The previous key is the one tickets were signed with: taken from the private key, not from authkey.pub.
        PveFileWriter.Write(pveDir.AuthPublicKeyOld, current.ExportSubjectPublicKeyInfoPem() + "\n", PveFileWriter.Public, replace: true, now);
        PveFileWriter.Write(pveDir.AuthPublicKey, newPublic, PveFileWriter.Public, replace: true, now);
        PveFileWriter.Write(pveDir.AuthPrivateKey, newPrivate, PveFileWriter.Private, replace: true, now);
        logger.LogInformation("rotated the ticket signing key: {Reason}", reason);
    }

    private bool TryLock()
    {
        Directory.CreateDirectory(pveDir.LockDirectory);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (Libc.mkdir(LockPath, 0b111_000_000) == 0)
            {
                try
                {
                    // Dated with our clock, so the stale check below compares times of one clock.
                    Directory.SetLastWriteTimeUtc(LockPath, time.GetUtcNow().UtcDateTime);
                }
                catch
                {
                    Unlock();
                    throw;
                }

                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != Libc.EEXIST)
            {
                throw new IOException($"cannot create the lock '{LockPath}': {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            if (!TryBreakStaleLock())
            {
                logger.LogDebug("ticket key rotation is in progress elsewhere ({Lock} exists)", LockPath);
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Moves a stale lock aside under a unique name (rename is atomic: of two nodes breaking it, one moves it, the
    /// other finds it gone) and removes it.
    /// </summary>
    private bool TryBreakStaleLock()
    {
        DateTime written;
        try
        {
            written = Directory.GetLastWriteTimeUtc(LockPath);
        }
        catch (IOException)
        {
            return true;
        }

        if (time.GetUtcNow() - new DateTimeOffset(written, TimeSpan.Zero) < StaleLockAge)
        {
            return false;
        }

        var aside = $"{LockPath}.stale.{Guid.NewGuid():N}";
        try
        {
            Directory.Move(LockPath, aside);
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }

        Directory.Delete(aside, recursive: true);
        logger.LogWarning("removed a stale ticket key rotation lock from {Written:u}", written);
        return true;
    }

    private void Unlock()
    {
        try
        {
            Directory.Delete(LockPath);
        }
        catch (DirectoryNotFoundException)
        {
            // Broken as stale by another node after 120 s; nothing left to release.
        }
    }
}
