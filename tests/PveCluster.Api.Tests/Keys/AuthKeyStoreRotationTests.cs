using PveCluster.Core.Auth;

namespace PveCluster.Api.Tests.Keys;

/// <summary>Which tickets stay valid across rotations, seen by the node that rotated and by another node.</summary>
public sealed class AuthKeyStoreRotationTests
{
    private static readonly UserId Root = UserId.Parse("root@pam");

    [Fact]
    public void A_ticket_from_before_the_rotation_stays_valid_until_it_expires()
    {
        using var dir = new KeyDirectory(TimeSpan.FromHours(23));
        var (_, keys) = dir.Node();
        var early = keys.CreateTicket(Root, dir.Time.GetUtcNow());

        dir.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var fresh = keys.CreateTicket(Root, dir.Time.GetUtcNow());
        Assert.NotNull(dir.PreviousKey);

        Assert.True(keys.VerifyTicket(early, dir.Time.GetUtcNow()).IsValid);
        Assert.True(keys.VerifyTicket(fresh, dir.Time.GetUtcNow()).IsValid);

        dir.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(AuthFailure.Expired, keys.VerifyTicket(early, dir.Time.GetUtcNow()).Failure);
        Assert.True(keys.VerifyTicket(fresh, dir.Time.GetUtcNow()).IsValid);
    }

    [Fact]
    public void The_previous_key_signs_nothing_after_the_rotation()
    {
        using var dir = new KeyDirectory(TimeSpan.FromHours(25));
        var stolenKeyTicketTime = dir.Time.GetUtcNow() + TimeSpan.FromMinutes(30);
        var (rotation, keys) = dir.Node();
        using var oldKey = AuthKeyMaterial.ImportKey(File.ReadAllText(dir.PveDir.AuthPrivateKey), "authkey.key");
        Assert.True(rotation.RotateIfDue());

        dir.Time.Advance(TimeSpan.FromMinutes(30));
        var forged = AuthTicket.Create(oldKey, Root, stolenKeyTicketTime);

        Assert.False(keys.VerifyTicket(forged, dir.Time.GetUtcNow()).IsValid);
    }

    [Fact]
    public void Within_the_grace_period_a_node_that_has_not_noticed_the_rotation_still_issues_valid_tickets()
    {
        using var dir = new KeyDirectory(TimeSpan.FromHours(25));
        using var oldKey = AuthKeyMaterial.ImportKey(File.ReadAllText(dir.PveDir.AuthPrivateKey), "authkey.key");
        var (rotation, keys) = dir.Node();
        Assert.True(rotation.RotateIfDue());

        var late = AuthTicket.Create(oldKey, Root, dir.Time.GetUtcNow() + TimeSpan.FromMinutes(1));
        Assert.True(keys.VerifyTicket(late, dir.Time.GetUtcNow() + TimeSpan.FromMinutes(1)).IsValid);
    }

    [Fact]
    public void Two_rotations_retire_the_oldest_key()
    {
        using var dir = new KeyDirectory(TimeSpan.FromHours(23));
        var (rotation, keys) = dir.Node();
        var issued = dir.Time.GetUtcNow();
        var first = keys.CreateTicket(Root, issued);
        dir.Time.Advance(TimeSpan.FromHours(2));
        Assert.True(rotation.RotateIfDue());
        // Judged at an hour after issue, so only the key decides (not the ticket's age).
        Assert.True(keys.VerifyTicket(first, issued + TimeSpan.FromHours(1)).IsValid);

        dir.Time.Advance(TimeSpan.FromHours(24));
        Assert.True(rotation.RotateIfDue());
        Assert.Equal(AuthFailure.BadSignature, keys.VerifyTicket(first, issued + TimeSpan.FromHours(1)).Failure);
    }

    [Fact]
    public void Another_node_picks_up_the_new_key_and_does_not_rotate_again()
    {
        using var dir = new KeyDirectory(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        var (_, nodeA) = dir.Node();
        var (_, nodeB) = dir.Node();
        var fromB = nodeB.CreateTicket(Root, dir.Time.GetUtcNow());
        Assert.True(nodeA.VerifyTicket(fromB, dir.Time.GetUtcNow()).IsValid);

        dir.Time.Advance(TimeSpan.FromMinutes(2));
        var fromA = nodeA.CreateTicket(Root, dir.Time.GetUtcNow());
        var previous = dir.PreviousKey;
        var current = dir.PublicKey;
        Assert.NotNull(previous);

        var fromBAfter = nodeB.CreateTicket(Root, dir.Time.GetUtcNow());
        Assert.Equal(current, dir.PublicKey);
        Assert.Equal(previous, dir.PreviousKey);
        foreach (var ticket in new[] { fromA, fromB, fromBAfter })
        {
            Assert.True(nodeB.VerifyTicket(ticket, dir.Time.GetUtcNow()).IsValid);
            Assert.True(nodeA.VerifyTicket(ticket, dir.Time.GetUtcNow()).IsValid);
        }
    }
}
