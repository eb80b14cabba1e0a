using System.Security.Cryptography;
using System.Text.RegularExpressions;
using PveCluster.Core.Auth;

namespace PveCluster.Core.Tests.Auth;

public sealed class AuthTicketTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly UserId Root = UserId.Parse("root@pam");

    private readonly RSA _key;
    private readonly RSA _publicKey;

    public AuthTicketTests()
    {
        var (privatePem, publicPem) = AuthKeyMaterial.GenerateAuthKey();
        _key = AuthKeyMaterial.ImportKey(privatePem, "authkey.key");
        _publicKey = AuthKeyMaterial.ImportKey(publicPem, "authkey.pub");
    }

    public void Dispose()
    {
        _key.Dispose();
        _publicKey.Dispose();
    }

    [Fact]
    public void Ticket_has_the_proxmox_layout()
    {
        var ticket = AuthTicket.Create(_key, Root, Now);
        Assert.Matches(new Regex("^PVE:root@pam:[0-9A-F]{8}::[A-Za-z0-9+/]+=*$"), ticket);
        Assert.StartsWith($"PVE:root@pam:{Now.ToUnixTimeSeconds():X8}::", ticket, StringComparison.Ordinal);
    }

    [Fact]
    public void Fresh_ticket_verifies_with_the_public_key_only()
    {
        var ticket = AuthTicket.Create(_key, Root, Now);
        var check = AuthTicket.Verify(_publicKey, ticket, Now.AddMinutes(30));
        Assert.True(check.IsValid, check.Describe());
        Assert.Equal(Root, check.User);
        Assert.Equal(Now, check.IssuedAt);
    }

    [Fact]
    public void Tampered_user_is_rejected()
    {
        var ticket = AuthTicket.Create(_key, UserId.Parse("alice@pam"), Now);
        var forged = ticket.Replace("alice@pam", "admin@pam", StringComparison.Ordinal);
        Assert.Equal(AuthFailure.BadSignature, AuthTicket.Verify(_publicKey, forged, Now).Failure);
    }

    [Fact]
    public void Tampered_time_is_rejected()
    {
        var ticket = AuthTicket.Create(_key, Root, Now);
        var forged = ticket.Replace(Now.ToUnixTimeSeconds().ToString("X8"), Now.AddHours(1).ToUnixTimeSeconds().ToString("X8"), StringComparison.Ordinal);
        Assert.NotEqual(ticket, forged);
        Assert.Equal(AuthFailure.BadSignature, AuthTicket.Verify(_publicKey, forged, Now).Failure);
    }

    [Fact]
    public void Ticket_signed_by_another_key_is_rejected()
    {
        using var other = RSA.Create(2048);
        var ticket = AuthTicket.Create(other, Root, Now);
        Assert.Equal(AuthFailure.BadSignature, AuthTicket.Verify(_publicKey, ticket, Now).Failure);
    }

    [Fact]
    public void Ticket_expires_after_two_hours()
    {
        var ticket = AuthTicket.Create(_key, Root, Now);
        Assert.True(AuthTicket.Verify(_publicKey, ticket, Now.AddHours(2).AddSeconds(-1)).IsValid);
        Assert.Equal(AuthFailure.Expired, AuthTicket.Verify(_publicKey, ticket, Now.AddHours(2).AddSeconds(1)).Failure);
    }

    [Fact]
    public void Ticket_from_the_future_is_accepted_only_within_the_clock_skew()
    {
        var ticket = AuthTicket.Create(_key, Root, Now);
        Assert.True(AuthTicket.Verify(_publicKey, ticket, Now.AddMinutes(-4)).IsValid);
        Assert.Equal(AuthFailure.NotYetValid, AuthTicket.Verify(_publicKey, ticket, Now.AddMinutes(-6)).Failure);
    }

    [Fact]
    public void Ticket_for_another_user_is_rejected_when_a_user_is_expected()
    {
        var ticket = AuthTicket.Create(_key, UserId.Parse("alice@pam"), Now);
        Assert.Equal(AuthFailure.WrongUser, AuthTicket.VerifyFor(_publicKey, ticket, Root, Now).Failure);
        Assert.True(AuthTicket.VerifyFor(_publicKey, ticket, UserId.Parse("alice@pam"), Now).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("PVE:root@pam:00000000")]
    [InlineData("PVE:root@pam:zzzzzzzz::AAAA")]
    [InlineData("PMG:root@pam:6926EC40::AAAA")]
    [InlineData("PVE:root:6926EC40::AAAA")]
    [InlineData("PVE:root@pam:6926EC40::not base64!")]
    public void Malformed_tickets_are_rejected(string? ticket)
    {
        Assert.Equal(AuthFailure.Malformed, AuthTicket.Verify(_publicKey, ticket, Now).Failure);
    }
}
