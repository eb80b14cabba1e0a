using System.Runtime.Versioning;

// The cluster lifecycle manages Linux services and files (modes, symlinks, mkdir locks, corosync); it never runs elsewhere.
[assembly: SupportedOSPlatform("linux")]
