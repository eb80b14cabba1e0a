namespace PveCluster.Guests;

/// <summary>
/// pve-guests exit codes. pve-guests.service counts <see cref="SomeGuestsFailed"/> and <see cref="NoQuorum"/> as success
/// (SuccessExitStatus): the unit must stay active so that its ExecStop still shuts the guests down at power off.
/// </summary>
internal static class GuestsExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int SomeGuestsFailed = 2;
    public const int NoQuorum = 3;
}
