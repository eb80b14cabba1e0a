namespace PveCluster.Cli;

/// <summary>
/// pvecm exit codes. <c>pvecm status</c> returns <see cref="Ok"/> even when the partition is not
/// quorate, like Proxmox's pvecm (corosync-quorumtool -s would return 2); scripts should read
/// the "Quorate:" line or the JSON <c>quorate</c> field instead.
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}
