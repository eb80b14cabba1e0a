using System.Runtime.Versioning;

// Network namespaces, veths and nsenter exist only on Linux.
[assembly: SupportedOSPlatform("linux")]
