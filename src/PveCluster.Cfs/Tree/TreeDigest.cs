using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PveCluster.Cfs.Tree;

/// <summary>A checksum of a whole tree, used to compare nodes (tests and the verify round).</summary>
internal static class TreeDigest
{
    public static byte[] Compute(TreeState state)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> inode = stackalloc byte[8];
        foreach (var entry in state.Entries.OrderBy(e => e.Inode))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(inode, entry.Inode);
            hash.AppendData(inode);
            hash.AppendData(entry.Digest);
        }

        return hash.GetHashAndReset();
    }
}
