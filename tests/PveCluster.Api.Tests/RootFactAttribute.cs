namespace PveCluster.Api.Tests;

/// <summary>
/// A test that must run as root (it creates a system user). Elsewhere it is skipped with the reason, unless
/// PVE_LAB_REQUIRED=1 (CI), where a missing prerequisite has to fail instead of hiding.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("PVE_LAB_REQUIRED") != "1")
        {
            Skip = "needs root: creates a PAM test user with useradd/chpasswd";
        }
    }
}
