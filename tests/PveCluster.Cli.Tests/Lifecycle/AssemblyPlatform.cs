using System.Runtime.Versioning;

// pvecm is Linux-only (see src/PveCluster.Cli/Lifecycle/AssemblyPlatform.cs); so are its tests.
[assembly: SupportedOSPlatform("linux")]
