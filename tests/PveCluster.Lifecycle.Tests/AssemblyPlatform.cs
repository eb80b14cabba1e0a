using System.Runtime.Versioning;

// The lifecycle library is Linux-only (see src/PveCluster.Lifecycle/AssemblyPlatform.cs); so are its tests.
[assembly: SupportedOSPlatform("linux")]
