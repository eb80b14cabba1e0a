namespace PveCluster.Corosync.Interop;

/// <summary><c>cs_dispatch_flags_t</c>. ALL and ONE_NONBLOCKING poll with timeout 0; ONE and BLOCKING wait forever.</summary>
internal enum CsDispatchFlags
{
    One = 1,
    All = 2,
    Blocking = 3,
    OneNonBlocking = 4,
}

/// <summary>CS_TRACK_* flags shared by quorum, votequorum and cpg.</summary>
[Flags]
internal enum CsTrackFlags : uint
{
    Current = 1,
    Changes = 2,
    ChangesOnly = 4,
}
