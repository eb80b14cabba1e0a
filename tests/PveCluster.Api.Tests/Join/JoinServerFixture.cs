namespace PveCluster.Api.Tests.Join;

/// <summary>
/// The API server with a corosync folder (authkey) and a stand-in pvecm script, both passed the way a node
/// passes them: PVE_COROSYNC_DIR and PVE_PVECM, read when the endpoints are mapped.
/// </summary>
public sealed class JoinServerFixture : ApiServerFixture
{
    private static readonly SemaphoreSlim EnvironmentGate = new(1, 1);

    public string CorosyncDir => Path.Combine(Root, "corosync");

    public string PvecmLog => Path.Combine(Root, "pvecm.log");

    public byte[] AuthKey { get; } = [.. Enumerable.Range(0, 128).Select(i => (byte)i)];

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(CorosyncDir);
        await File.WriteAllBytesAsync(Path.Combine(CorosyncDir, "authkey"), AuthKey);
        var pvecm = Path.Combine(Root, "pvecm");
        await File.WriteAllTextAsync(pvecm, """
            #!/bin/sh
            echo "pvecm $*"
            echo "called by api: $PVECM_CALLED_BY_API"
            if read -r pw; then echo "password has ${#pw} characters"; fi
            if [ "$2" = "broken" ]; then echo "cluster create refused: something" >&2; exit 1; fi
            echo done
            """.Replace("\r", "", StringComparison.Ordinal));
        File.SetUnixFileMode(pvecm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await EnvironmentGate.WaitAsync();
        try
        {
            Environment.SetEnvironmentVariable("PVE_COROSYNC_DIR", CorosyncDir);
            Environment.SetEnvironmentVariable("PVE_PVECM", pvecm);
            await base.InitializeAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("PVE_COROSYNC_DIR", null);
            Environment.SetEnvironmentVariable("PVE_PVECM", null);
            EnvironmentGate.Release();
        }
    }
}
