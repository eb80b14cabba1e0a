namespace PveCluster.Lab.State;

/// <summary>Kinds of kernel or file-system objects a lab creates; each knows how it is removed.</summary>
public enum LabResourceKind
{
    /// <summary>A directory tree (removed last, and only once nothing is mounted below it).</summary>
    Directory,

    /// <summary>A claim file that reserves a subnet index.</summary>
    SubnetClaim,

    /// <summary>A bind mount on the host (the private ns directory).</summary>
    HostMount,

    /// <summary>A named network namespace (ip netns).</summary>
    Netns,

    /// <summary>A host bridge.</summary>
    Bridge,

    /// <summary>The host end of a veth pair.</summary>
    Veth,

    /// <summary>A namespace kept alive by a bind-mounted ns file (mount or UTS).</summary>
    NamespaceFile,
}

/// <summary>One created object, recorded before anything else may fail so teardown can undo exactly it.</summary>
public sealed record LabResource(LabResourceKind Kind, string Name);
