using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PveCluster.Cfs.Tree;

/// <summary>
/// One stored entry including its content. Instances are immutable (the byte array is never
/// modified after construction), so readers may hand out the array without copying.
/// </summary>
internal sealed record EntryData(
    ulong Inode,
    ulong Parent,
    string Name,
    EntryKind Kind,
    ulong Version,
    uint Writer,
    long MTime,
    byte[] Data)
{
    private byte[]? _digest;

    /// <summary>Used by <c>with</c>: copies every field except the cached digest, which the change may invalidate.</summary>
    private EntryData(EntryData original)
    {
        Inode = original.Inode;
        Parent = original.Parent;
        Name = original.Name;
        Kind = original.Kind;
        Version = original.Version;
        Writer = original.Writer;
        MTime = original.MTime;
        Data = original.Data;
    }

    /// <summary>SHA-256 over every field; two nodes hold the same entry exactly when the digests match.</summary>
    public byte[] Digest => _digest ??= ComputeDigest();

    public TreeEntry ToTreeEntry() => new(Inode, Parent, Name, Kind, Version, Writer, MTime, Data.LongLength);

    private byte[] ComputeDigest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = stackalloc byte[8 + 8 + 8 + 4 + 8 + 1];
        BinaryPrimitives.WriteUInt64LittleEndian(header, Inode);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], Parent);
        BinaryPrimitives.WriteUInt64LittleEndian(header[16..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], Writer);
        BinaryPrimitives.WriteInt64LittleEndian(header[28..], MTime);
        header[36] = (byte)Kind;
        hash.AppendData(header);
        var name = Encoding.UTF8.GetBytes(Name);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, name.Length);
        hash.AppendData(length);
        hash.AppendData(name);
        hash.AppendData(Data);
        return hash.GetHashAndReset();
    }
}
