using PveCluster.Lab.Identity;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Services;
using PveCluster.Lab.State;

namespace PveCluster.Lab.Tests;

public sealed class NodeIdentityTests
{
    private const string Shadow = "root:*:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\nalice:$y$old:20228:0:99999:7:::\n";

    [Fact]
    public void Only_the_users_hash_changes_and_every_other_field_and_line_stays()
    {
        var edited = ShadowFile.WithPassword(Shadow, "root", "$6$salt$hash");
        var lines = edited.Split('\n');
        Assert.Equal("root:$6$salt$hash:20228:0:99999:7:::", lines[0]);
        Assert.Equal(Shadow.Split('\n')[1..], lines[1..]);
    }

    [Fact]
    public void A_missing_user_or_a_malformed_line_is_refused_with_its_line_number()
    {
        Assert.Contains("no line for user 'root'",
            Assert.Throws<LabException>(() => ShadowFile.WithPassword("daemon:*:1::::::\n", "root", "$6$x")).Message, StringComparison.Ordinal);
        Assert.Contains("line 2",
            Assert.Throws<LabException>(() => ShadowFile.WithPassword("daemon:*:1::::::\nroot\n", "root", "$6$x")).Message, StringComparison.Ordinal);
        Assert.Throws<LabException>(() => ShadowFile.WithPassword(Shadow, "root", "a:b"));
    }

    [Fact]
    public void The_root_password_must_be_usable()
    {
        Assert.Throws<LabException>(() => new LabOptions { RootPassword = "" }.Validate());
        Assert.Throws<LabException>(() => new LabOptions { RootPassword = "a\nb" }.Validate());
        new LabOptions { RootPassword = "it's fine" }.Validate();
    }

    [Fact]
    public void Shell_quoting_survives_quotes_and_spaces()
    {
        Assert.Equal("'/a b/it'\\''s'", ShellQuote.Quote("/a b/it's"));
    }

    [Fact]
    public void The_service_control_script_runs_this_pvelab_with_the_artifacts_first_on_path()
    {
        var script = ServiceControlScript.Render("/opt/pve build/bin");
        Assert.StartsWith("#!/bin/sh\n", script, StringComparison.Ordinal);
        Assert.Contains("PATH='/opt/pve build/bin':$PATH\n", script, StringComparison.Ordinal);
        Assert.EndsWith(" service \"$@\"\n", script, StringComparison.Ordinal);
        Assert.Contains(ShellQuote.Quote(ServiceControlScript.PvelabCommandLine()[0]), script, StringComparison.Ordinal);
    }

    [Fact]
    public void Etc_files_live_in_the_overlay_upper_layer_and_directories_beside_it()
    {
        var paths = new LabPaths("/run/pvelab", "abcde");
        Assert.Equal("/run/pvelab/abcde/n2/etc/shadow", paths.NodeBindSource(2, NodeBind.EtcShadow));
        Assert.Equal("/run/pvelab/abcde/n2/etc/hostname", paths.NodeBindSource(2, NodeBind.EtcHostname));
        Assert.Equal("/run/pvelab/abcde/n2/etc-ssh", paths.NodeBindSource(2, NodeBind.EtcSsh));
        Assert.True(NodeBind.EtcPve.IsBelowEtc);
        Assert.False(NodeBind.RootHome.IsBelowEtc);
        Assert.Equal(NodeBind.Run, NodeBind.All[^1]);
    }

    [Fact]
    public void Service_records_name_a_live_process_only_while_its_comm_matches()
    {
        var directory = Directory.CreateTempSubdirectory("pvelab-services-");
        try
        {
            var run = new ServiceRunDirectory(directory.FullName);
            Assert.Null(run.Find(1, ServiceNames.Corosync));
            var self = Environment.ProcessId;
            var comm = File.ReadAllText($"/proc/{self}/comm").TrimEnd('\n');
            run.Record(ServiceNames.PveProxy, self, comm);
            Assert.Equal(new LabProcess(1, ServiceNames.PveProxy, self, comm), run.Find(1, ServiceNames.PveProxy));
            run.Record(ServiceNames.PveProxy, self, "someone-else");
            Assert.Null(run.Find(1, ServiceNames.PveProxy));
            File.WriteAllText(run.PidFile(ServiceNames.Sshd), "garbage\n");
            Assert.Contains("line 1", Assert.Throws<LabException>(() => run.Find(1, ServiceNames.Sshd)).Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
