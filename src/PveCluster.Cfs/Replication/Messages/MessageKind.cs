namespace PveCluster.Cfs.Replication.Messages;

/// <summary>The first byte after the format version of every message.</summary>
internal enum MessageKind : byte
{
    Normal = 1,
    SyncStart = 2,
    State = 3,
    Update = 4,
    UpdateComplete = 5,
    Applied = 6,
    VerifyRequest = 7,
    Verify = 8,
    VotequorumVerdict = 9,
}

/// <summary>The operation inside a normal message.</summary>
internal enum OperationCode : byte
{
    Create = 1,
    MakeDirectory = 2,
    Write = 3,
    Truncate = 4,
    Delete = 5,
    Rename = 6,
    SetModificationTime = 7,
}
