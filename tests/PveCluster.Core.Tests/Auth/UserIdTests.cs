using PveCluster.Core.Auth;

namespace PveCluster.Core.Tests.Auth;

public sealed class UserIdTests
{
    [Theory]
    [InlineData("root@pam", "root", "pam")]
    [InlineData("alice.smith@ldap-corp", "alice.smith", "ldap-corp")]
    public void Valid_user_ids_split_into_name_and_realm(string text, string name, string realm)
    {
        var user = UserId.Parse(text);
        Assert.Equal(name, user.Name);
        Assert.Equal(realm, user.Realm);
        Assert.Equal(text, user.ToString());
    }

    [Theory]
    [InlineData("root")]
    [InlineData("root@")]
    [InlineData("@pam")]
    [InlineData("ro ot@pam")]
    [InlineData("ro:ot@pam")]
    [InlineData("root@pam@pam")]
    [InlineData("root@1pam")]
    public void Invalid_user_ids_are_rejected_with_a_clear_message(string text)
    {
        Assert.False(UserId.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => UserId.Parse(text));
        Assert.Contains("name@realm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_user_id_is_rejected()
    {
        Assert.False(UserId.TryParse(new string('a', 61) + "@pam", out _));
    }
}
