using System.Runtime.Versioning;

// pvecm manages Linux services and files (modes, symlinks, corosync); it never runs elsewhere.
[assembly: SupportedOSPlatform("linux")]
