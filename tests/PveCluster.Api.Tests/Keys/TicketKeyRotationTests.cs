using System.Security.Cryptography;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Tests.Keys;

public sealed class TicketKeyRotationTests
{
    [Fact]
    public void A_key_younger_than_24_hours_is_kept()
    {
        using var dir = new KeyDirectory(TimeSpan.FromHours(23));
        var before = dir.PublicKey;
        Assert.False(dir.Rotation().RotateIfDue());
        Assert.Equal(before, dir.PublicKey);
        Assert.Null(dir.PreviousKey);
    }

    [Fact]
    public void A_24_hour_old_key_is_replaced_and_kept_as_the_previous_key()
    {
        using var dir = new KeyDirectory(TimeSpan.FromHours(24));
        var before = dir.PublicKey;

        Assert.True(dir.Rotation().RotateIfDue());

        Assert.NotEqual(before, dir.PublicKey);
        Assert.Equal(Normalize(before), Normalize(dir.PreviousKey!));
        Assert.Equal(dir.Time.GetUtcNow().UtcDateTime, File.GetLastWriteTimeUtc(dir.PveDir.AuthPublicKey), TimeSpan.FromSeconds(1));
        Assert.True(PairMatches(dir));
        Assert.False(dir.Rotation().RotateIfDue());
        Assert.False(Directory.Exists(Path.Combine(dir.PveDir.LockDirectory, "authkey")));
    }

    [Fact]
    public async Task Of_many_nodes_rotating_at_once_exactly_one_rotates()
    {
        using var dir = new KeyDirectory(TimeSpan.FromHours(30));
        var original = dir.PublicKey;
        const int Nodes = 8;
        using var start = new Barrier(Nodes);
        var rotations = Enumerable.Range(0, Nodes).Select(_ => dir.Rotation()).ToList();

        var results = await Task.WhenAll(rotations.Select(rotation => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return rotation.RotateIfDue();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

        Assert.Single(results, rotated => rotated);
        Assert.Equal(Normalize(original), Normalize(dir.PreviousKey!));
        Assert.True(PairMatches(dir));
    }

    [Fact]
    public void A_fresh_lock_of_another_node_is_respected_and_a_stale_one_is_broken()
    {
        using var dir = new KeyDirectory(TimeSpan.FromHours(30));
        var lockPath = Path.Combine(dir.PveDir.LockDirectory, "authkey");
        Directory.CreateDirectory(lockPath);
        Directory.SetLastWriteTimeUtc(lockPath, (dir.Time.GetUtcNow() - TimeSpan.FromSeconds(30)).UtcDateTime);

        Assert.False(dir.Rotation().RotateIfDue());

        dir.Time.Advance(TimeSpan.FromSeconds(100));
        Assert.True(dir.Rotation().RotateIfDue());
        Assert.Empty(Directory.GetFileSystemEntries(dir.PveDir.LockDirectory));
    }

    [Fact]
    public void An_interrupted_rotation_is_completed_and_the_key_in_use_stays_the_previous_key()
    {
        using var dir = new KeyDirectory(TimeSpan.FromHours(1));
        using var signing = AuthKeyMaterial.ImportKey(File.ReadAllText(dir.PveDir.AuthPrivateKey), "authkey.key");
        // A node died after writing the new public key and before the private key.
        File.WriteAllText(dir.PveDir.AuthPublicKey, AuthKeyMaterial.GenerateAuthKey().PublicKeyPem);

        Assert.True(dir.Rotation().RotateIfDue());

        Assert.Equal(Normalize(signing.ExportSubjectPublicKeyInfoPem()), Normalize(dir.PreviousKey!));
        Assert.True(PairMatches(dir));
    }

    private static bool PairMatches(KeyDirectory dir)
    {
        using var privateKey = AuthKeyMaterial.ImportKey(File.ReadAllText(dir.PveDir.AuthPrivateKey), "authkey.key");
        using var publicKey = AuthKeyMaterial.ImportKey(dir.PublicKey, "authkey.pub");
        return privateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKey.ExportSubjectPublicKeyInfo());
    }

    private static string Normalize(string pem)
    {
        using var key = RSA.Create();
        key.ImportFromPem(pem);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }
}
