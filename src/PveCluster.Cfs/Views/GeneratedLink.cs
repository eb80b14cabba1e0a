namespace PveCluster.Cfs.Views;

/// <summary>A symbolic link in the mount root; <paramref name="Target"/> is relative to the root.</summary>
internal sealed record GeneratedLink(string Name, string Target);
