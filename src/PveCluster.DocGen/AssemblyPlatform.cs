using System.Runtime.Versioning;

// The programs it documents run on Linux cluster nodes only.
[assembly: SupportedOSPlatform("linux")]
