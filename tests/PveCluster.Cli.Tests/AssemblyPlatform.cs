using System.Runtime.Versioning;

// pvecm is Linux-only (see src/PveCluster.Cli/AssemblyPlatform.cs); so are its tests.
[assembly: SupportedOSPlatform("linux")]
