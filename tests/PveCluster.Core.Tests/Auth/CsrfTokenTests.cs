using System.Text.RegularExpressions;
using PveCluster.Core.Auth;

namespace PveCluster.Core.Tests.Auth;

public sealed class CsrfTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly UserId Root = UserId.Parse("root@pam");
    private static readonly byte[] Secret = AuthKeyMaterial.ReadCsrfSecret(AuthKeyMaterial.GenerateCsrfSecret());

    [Fact]
    public void Token_is_hex_time_and_base64_hmac()
    {
        var token = CsrfToken.Create(Secret, Root, Now);
        Assert.Matches(new Regex("^[0-9A-F]{8}:[A-Za-z0-9+/]{43}=$"), token);
        Assert.Null(CsrfToken.Verify(Secret, Root, token, Now.AddMinutes(10)));
    }

    [Fact]
    public void Token_of_another_user_is_rejected()
    {
        var token = CsrfToken.Create(Secret, UserId.Parse("alice@pam"), Now);
        Assert.Equal(AuthFailure.BadSignature, CsrfToken.Verify(Secret, Root, token, Now));
    }

    [Fact]
    public void Token_made_with_another_secret_is_rejected()
    {
        var otherSecret = AuthKeyMaterial.ReadCsrfSecret(AuthKeyMaterial.GenerateCsrfSecret());
        var token = CsrfToken.Create(otherSecret, Root, Now);
        Assert.Equal(AuthFailure.BadSignature, CsrfToken.Verify(Secret, Root, token, Now));
    }

    [Fact]
    public void Tampered_time_is_rejected()
    {
        var token = CsrfToken.Create(Secret, Root, Now);
        var forged = Now.AddHours(1).ToUnixTimeSeconds().ToString("X8") + token[8..];
        Assert.Equal(AuthFailure.BadSignature, CsrfToken.Verify(Secret, Root, forged, Now.AddHours(1)));
    }

    [Fact]
    public void Token_expires_like_the_ticket()
    {
        var token = CsrfToken.Create(Secret, Root, Now);
        Assert.Equal(AuthFailure.Expired, CsrfToken.Verify(Secret, Root, token, Now.AddHours(2).AddMinutes(1)));
        Assert.Equal(AuthFailure.NotYetValid, CsrfToken.Verify(Secret, Root, token, Now.AddMinutes(-10)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("6926EC40")]
    [InlineData("6926EC40:")]
    [InlineData("6926ec40:AAAA")]
    [InlineData("6926EC40:AAAA")]
    public void Malformed_tokens_are_rejected(string? token)
    {
        Assert.Equal(AuthFailure.Malformed, CsrfToken.Verify(Secret, Root, token, Now));
    }

    [Fact]
    public void Secret_file_must_not_be_empty()
    {
        Assert.Throws<FormatException>(() => AuthKeyMaterial.ReadCsrfSecret(" \n"));
    }
}
