namespace PveCluster.Core.DatacenterCfg;

/// <summary>How migration traffic is carried.</summary>
public enum MigrationType
{
    /// <summary>Through an SSH tunnel (the default).</summary>
    Secure,

    /// <summary>Unencrypted; only for fully trusted, dedicated networks.</summary>
    Insecure,
}
