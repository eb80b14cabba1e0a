using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Replication.Messages;

/// <summary>Encodes the tree operations carried by normal messages.</summary>
internal static class OperationCodec
{
    public static void Write(MessageWriter writer, TreeOperation operation)
    {
        switch (operation)
        {
            case CreateFileOperation op:
                writer.WriteByte((byte)OperationCode.Create);
                writer.WriteString(op.Path);
                writer.WriteInt64(op.MTime);
                break;
            case MakeDirectoryOperation op:
                writer.WriteByte((byte)OperationCode.MakeDirectory);
                writer.WriteString(op.Path);
                writer.WriteInt64(op.MTime);
                break;
            case WriteOperation op:
                writer.WriteByte((byte)OperationCode.Write);
                writer.WriteString(op.Path);
                writer.WriteInt64(op.Offset);
                writer.WriteInt64(op.MTime);
                writer.WriteBytes(op.Data);
                break;
            case TruncateOperation op:
                writer.WriteByte((byte)OperationCode.Truncate);
                writer.WriteString(op.Path);
                writer.WriteInt64(op.Length);
                writer.WriteInt64(op.MTime);
                break;
            case DeleteOperation op:
                writer.WriteByte((byte)OperationCode.Delete);
                writer.WriteString(op.Path);
                break;
            case RenameOperation op:
                writer.WriteByte((byte)OperationCode.Rename);
                writer.WriteString(op.From);
                writer.WriteString(op.To);
                break;
            case SetModificationTimeOperation op:
                writer.WriteByte((byte)OperationCode.SetModificationTime);
                writer.WriteString(op.Path);
                writer.WriteInt64(op.MTime);
                break;
            default:
                throw new ArgumentException($"unknown operation {operation.GetType().Name}", nameof(operation));
        }
    }

    public static TreeOperation Read(ref MessageReader reader, int maxPath, int maxData)
    {
        var code = (OperationCode)reader.ReadByte();
        return code switch
        {
            OperationCode.Create => new CreateFileOperation(reader.ReadString(maxPath), reader.ReadInt64()),
            OperationCode.MakeDirectory => new MakeDirectoryOperation(reader.ReadString(maxPath), reader.ReadInt64()),
            OperationCode.Write => ReadWrite(ref reader, maxPath, maxData),
            OperationCode.Truncate => new TruncateOperation(reader.ReadString(maxPath), reader.ReadInt64(), reader.ReadInt64()),
            OperationCode.Delete => new DeleteOperation(reader.ReadString(maxPath)),
            OperationCode.Rename => new RenameOperation(reader.ReadString(maxPath), reader.ReadString(maxPath)),
            OperationCode.SetModificationTime => new SetModificationTimeOperation(reader.ReadString(maxPath), reader.ReadInt64()),
            _ => throw new MalformedMessageException($"unknown operation code {(byte)code}"),
        };
    }

    private static WriteOperation ReadWrite(ref MessageReader reader, int maxPath, int maxData)
    {
        var path = reader.ReadString(maxPath);
        var offset = reader.ReadInt64();
        var mtime = reader.ReadInt64();
        return new WriteOperation(path, offset, reader.ReadBytes(maxData), mtime);
    }
}
