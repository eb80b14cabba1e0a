using System.Buffers.Binary;

namespace PveCluster.Core.Links.Probe;

/// <summary>
/// The probe's UDP datagram: magic, a per-run nonce and a sequence number. The responder sends it back unchanged;
/// the pinger ignores anything that is not an answer to its own run. Padded to a fixed size, so it is not
/// mistaken for a tiny packet that fits every MTU while knet's are larger.
/// </summary>
public static class ProbeDatagram
{
    public const int Size = 64;
    private const uint Magic = 0x50564550; // "PVEP"

    public static byte[] Create(ulong nonce, uint sequence)
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Magic);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(4), nonce);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), sequence);
        return bytes;
    }

    /// <summary>True for a well-formed probe datagram (what a responder echoes).</summary>
    public static bool IsProbe(ReadOnlySpan<byte> datagram) =>
        datagram.Length == Size && BinaryPrimitives.ReadUInt32BigEndian(datagram) == Magic;

    /// <summary>The sequence number when <paramref name="datagram"/> answers run <paramref name="nonce"/>.</summary>
    public static bool TryReadAnswer(ReadOnlySpan<byte> datagram, ulong nonce, out uint sequence)
    {
        sequence = 0;
        if (!IsProbe(datagram) || BinaryPrimitives.ReadUInt64BigEndian(datagram[4..]) != nonce)
        {
            return false;
        }

        sequence = BinaryPrimitives.ReadUInt32BigEndian(datagram[12..]);
        return true;
    }
}
