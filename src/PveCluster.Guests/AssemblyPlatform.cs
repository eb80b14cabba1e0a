using System.Runtime.Versioning;

// pve-guests starts and stops guests on a Linux node; it never runs elsewhere.
[assembly: SupportedOSPlatform("linux")]
