using System.Runtime.Versioning;

// Tests of the generator for the Linux-only programs.
[assembly: SupportedOSPlatform("linux")]
