using System.Runtime.Versioning;

// Linux cluster nodes only, like the PveCluster.Api library it hosts.
[assembly: SupportedOSPlatform("linux")]
