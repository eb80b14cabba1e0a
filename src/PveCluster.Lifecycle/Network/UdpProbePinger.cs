using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using PveCluster.Core.Links.Probe;

namespace PveCluster.Lifecycle.Network;

/// <summary>
/// The asking side of the network preflight (<c>pvecm netprobe ping</c>): sends probe datagrams from this node's
/// link address to a peer's and measures the round trips, as knet's own pings would travel.
/// </summary>
public static class UdpProbePinger
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(20);

    public static async Task<ProbeResult> PingAsync(ProbeTarget target, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!IPAddress.TryParse(target.From, out var from) || !IPAddress.TryParse(target.To, out var to))
        {
            return new ProbeResult(target, 0, 0, null, "the probe needs IP addresses");
        }

        if (from.AddressFamily != to.AddressFamily)
        {
            return new ProbeResult(target, 0, 0, null, $"{target.From} and {target.To} are of different IP families");
        }

        using var socket = new Socket(from.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(from, 0));
        }
        catch (SocketException ex)
        {
            return new ProbeResult(target, 0, 0, null, $"cannot send from {target.From} on this node: {ex.Message}");
        }

        var nonce = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        var destination = new IPEndPoint(to, target.Port);
        var rtts = new List<double>();
        var buffer = new byte[ProbeDatagram.Size * 2];
        for (uint sequence = 0; sequence < count; sequence++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await socket.SendToAsync(ProbeDatagram.Create(nonce, sequence), SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
                if (await ReceiveAnswerAsync(socket, buffer, nonce, sequence, cancellationToken).ConfigureAwait(false))
                {
                    rtts.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
            catch (SocketException)
            {
                // ICMP port/host unreachable surfaces here: the probe is lost, which the result shows.
            }

            await Task.Delay(Spacing, cancellationToken).ConfigureAwait(false);
        }

        return new ProbeResult(target, count, rtts.Count, rtts.Count > 0 ? rtts.Average() : null, null);
    }

    private static async Task<bool> ReceiveAnswerAsync(Socket socket, byte[] buffer, ulong nonce, uint sequence, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AnswerTimeout);
        try
        {
            while (true)
            {
                var length = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                if (ProbeDatagram.TryReadAnswer(buffer.AsSpan(0, length), nonce, out var answered) && answered == sequence)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
