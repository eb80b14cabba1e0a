namespace PveCluster.Api.Interop;

/// <summary>Sonames of the native libraries the API server loads.</summary>
internal static class Libraries
{
    public const string Pam = "libpam.so.0";

    public const string Libc = "libc";
}
