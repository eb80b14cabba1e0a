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
        socket.ReceiveTimeout = (int)AnswerTimeout.TotalMilliseconds;
        var rtts = new List<double>();
        var buffer = new byte[ProbeDatagram.Size * 2];

        // Sequence 0 warms up the path (ARP, the peer's first receive) and is not counted.
        for (uint sequence = 0; sequence <= count; sequence++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();

            // Blocking calls on purpose: an async continuation waits for a thread-pool thread, which on a busy
            // host adds milliseconds that the network does not have.
            if (Exchange(socket, destination, buffer, nonce, sequence) && sequence > 0)
            {
                rtts.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            await Task.Delay(Spacing, cancellationToken).ConfigureAwait(false);
        }

        var icmp = await IcmpAverageAsync(target, count, cancellationToken).ConfigureAwait(false);
        return new ProbeResult(target, count, rtts.Count, rtts.Count > 0 ? rtts.Average() : null, null, icmp);
    }

    /// <summary>
    /// The round trip by ICMP echo (iputils ping, from the link address): the kernel answers and timestamps it, so
    /// the figure is the network's even on a busy host. Null when ping is missing or ICMP gets no answer.
    /// </summary>
    private static async Task<double?> IcmpAverageAsync(ProbeTarget target, int count, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Services.ProcessRunner.Instance.RunAsync(
                "ping",
                ["-n", "-q", "-c", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "0.02", "-W", "1", "-I", target.From, target.To],
                cancellationToken).ConfigureAwait(false);
            return PingSummary.Average(result.StandardOutput);
        }
        catch (LifecycleException)
        {
            return null;
        }
    }

    private static bool Exchange(Socket socket, IPEndPoint destination, byte[] buffer, ulong nonce, uint sequence)
    {
        try
        {
            socket.SendTo(ProbeDatagram.Create(nonce, sequence), destination);
            var deadline = Stopwatch.GetTimestamp() + (long)(AnswerTimeout.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var length = socket.Receive(buffer);
                if (ProbeDatagram.TryReadAnswer(buffer.AsSpan(0, length), nonce, out var answered) && answered == sequence)
                {
                    return true;
                }
            }
        }
        catch (SocketException)
        {
            // A timeout, or ICMP port/host unreachable: the probe is lost, which the result shows.
        }

        return false;
    }
}
