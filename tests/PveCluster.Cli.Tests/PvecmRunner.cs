using PveCluster.Lifecycle.Cluster;

namespace PveCluster.Cli.Tests;

/// <summary>Runs pvecm in-process against a fake cluster and captures its output.</summary>
internal sealed class PvecmRunner : IDisposable
{
    private readonly string _confDirectory = Directory.CreateTempSubdirectory("pvecm-test").FullName;

    public PvecmRunner(IClusterConnection? cluster = null, bool hasConfig = true)
    {
        ConfPath = Path.Combine(_confDirectory, "corosync.conf");
        if (hasConfig)
        {
            File.WriteAllText(ConfPath, "totem {\n}\n");
        }

        Cluster = cluster;
    }

    public IClusterConnection? Cluster { get; }

    public Func<IClusterConnection>? Connect { get; init; }

    public string ConfPath { get; }

    public StringWriter Out { get; } = new();

    public StringWriter Error { get; } = new();

    public int Connects { get; private set; }

    public int Run(params string[] args)
    {
        var environment = new CliEnvironment(Out, Error, OpenCluster, ConfPath);
        return PvecmApp.Run(args, environment);
    }

    private IClusterConnection OpenCluster()
    {
        Connects++;
        return Connect?.Invoke() ?? Cluster ?? throw new InvalidOperationException("test did not expect a corosync connection");
    }

    public void Dispose() => Directory.Delete(_confDirectory, recursive: true);
}
