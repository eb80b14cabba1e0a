namespace PveCluster.Api.Auth.Keys;

/// <summary>
/// Checks the key age every few minutes, as Proxmox's pvestatd does, so the key is replaced on time even when
/// nobody logs in on this node (logins check as well, see <see cref="AuthKeyStore.CreateTicket"/>).
/// </summary>
public sealed class TicketKeyRotationService(TicketKeyRotation rotation, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: a rotation generates an RSA key.
        await Task.Yield();
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            rotation.RotateIfDue();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
