using System.Runtime.Versioning;

// The API serves Linux cluster nodes only (PAM, /proc, sysfs, Unix file modes).
[assembly: SupportedOSPlatform("linux")]
