using System.Runtime.Versioning;

// The fuzzer drives pmxcfs and pve-api code, which run on Linux cluster nodes only.
[assembly: SupportedOSPlatform("linux")]
