using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Fuse;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Status;
using PveCluster.Cfs.Tree;
using PveCluster.Cfs.Views;
using PveCluster.Fuzz.Engine;

namespace PveCluster.Fuzz.Targets;

/// <summary>
/// Paths as libfuse hands them to pmxcfs (bytes up to the first NUL, read as UTF-8), through path
/// splitting, the priv/ and guest-config rules and the real file system over a SQLite-backed tree.
/// Every operation must answer 0 or -errno; an input whose path the tree refuses counts as rejected.
/// </summary>
internal sealed class FusePathTarget : FuzzTarget, IDisposable
{
    private static readonly CallerIdentity User = new(1000, 1000, 4242);

    private readonly string _directory = Directory.CreateTempSubdirectory("pve-fuzz-cfs-").FullName;
    private readonly ConfigDatabase _database;
    private readonly LocalConfigTree _tree;
    private readonly CfsFileSystem _fileSystem;
    private int _inputs;

    public FusePathTarget()
    {
        _database = ConfigDatabase.Open(Path.Combine(_directory, "config.db"), TreeLimits.Proxmox, NullLogger.Instance);
        _tree = new LocalConfigTree(_database);
        var clock = TimeProvider.System;
        var views = GeneratedViews.Create("n1", _tree, new ClusterMembership(), new ClusterLog("n1", clock), new DebugSwitch(), clock,
            NullLoggerFactory.Instance);
        _fileSystem = new CfsFileSystem(_tree, views, new FileModes(33), clock, NullLogger<CfsFileSystem>.Instance);
        foreach (var directory in new[] { "/nodes", "/nodes/n1", "/nodes/n1/qemu-server", "/nodes/n1/lxc", "/nodes/n1/priv", "/priv" })
        {
            _fileSystem.MakeDirectory(directory, CallerIdentity.Root);
        }

        foreach (var file in new[] { "/corosync.conf", "/nodes/n1/qemu-server/100.conf", "/priv/authkey.key" })
        {
            _fileSystem.Create(file, CallerIdentity.Root);
            _fileSystem.Write(file, "x: 1\n"u8, 0, CallerIdentity.Root);
        }
    }

    public override string Name => "fuse-path";

    public override string Description => "FUSE path handling: splitting, priv/ rules, guest config names, file system calls (Cfs/Fuse, Cfs/Tree)";

    public override IReadOnlyList<byte[]> Samples { get; } =
    [
        .. new[]
        {
            "/", "/corosync.conf", "/nodes/n1/qemu-server/100.conf", "/priv/authkey.key", "/nodes/n1/priv", "/.members", "/local",
            "/nodes/n1/lxc/101.conf", "/a/../priv/authkey.key", "//priv", "/nodes/n1/qemu-server/0100.conf",
        }.Select(Encoding.UTF8.GetBytes),
    ];

    public override bool Run(byte[] input)
    {
        var path = PathAsFuseGivesIt(input);
        var error = TreePath.TrySplit(path, TreeLimits.Proxmox.MaxNameLength, out var components);
        _ = PrivatePaths.IsPrivate(path);
        _ = PrivatePaths.IsInsidePrivate(path);
        if (error == CfsError.None)
        {
            CheckComponents(path, components);
            _ = GuestConfigPath.TryParse(components);
        }

        var answers = new List<int>
        {
            _fileSystem.GetAttributes(path, User, out _),
            _fileSystem.GetAttributes(path, CallerIdentity.Root, out _),
            _fileSystem.ListDirectory(path, User, []),
            _fileSystem.ReadLink(path, out _),
        };
        if (++_inputs % 16 == 0)
        {
            // Now and then change the tree too, so later inputs meet files and directories made from fuzzed names.
            answers.Add((_inputs / 16 % 4) switch
            {
                0 => _fileSystem.Create(path, CallerIdentity.Root),
                1 => _fileSystem.MakeDirectory(path, CallerIdentity.Root),
                2 => _fileSystem.Rename(path, path + "x", 0, CallerIdentity.Root),
                _ => _fileSystem.Unlink(path, CallerIdentity.Root),
            });
        }

        foreach (var answer in answers)
        {
            InvariantViolatedException.Check(answer <= 0 && answer > -4096, $"a file system call answered {answer}, not 0 or -errno");
        }

        // The file system's own way of saying no is an errno, not an exception.
        return error == CfsError.None;
    }

    public override bool IsRejection(Exception exception) => false;

    public void Dispose()
    {
        _tree.Dispose();
        _database.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>libfuse passes a NUL-terminated path; pmxcfs reads it as UTF-8.</summary>
    private static string PathAsFuseGivesIt(byte[] input)
    {
        var end = Array.IndexOf(input, (byte)0);
        return Encoding.UTF8.GetString(input, 0, end < 0 ? input.Length : end);
    }

    private static void CheckComponents(string path, string[] components)
    {
        InvariantViolatedException.Check(path == "/" ? components.Length == 0 : "/" + string.Join('/', components) == path,
            "the components do not join back to the path");
        foreach (var component in components)
        {
            InvariantViolatedException.Check(
                component.Length > 0 && component is not "." and not ".." && !component.Contains('/', StringComparison.Ordinal)
                && !component.Contains('\0', StringComparison.Ordinal) && Encoding.UTF8.GetByteCount(component) <= TreeLimits.Proxmox.MaxNameLength,
                $"the component '{component}' was accepted");
        }
    }
}
