namespace PveCluster.Cfs.Interop;

/// <summary>Native libraries by SONAME: the unversioned .so links exist only with the -dev packages.</summary>
internal static class Libraries
{
    public const string Fuse3 = "libfuse3.so.3";
    public const string Libc = "libc.so.6";
}
