using PveCluster.Lifecycle.Services;

namespace PveCluster.Lifecycle.Tests;

public sealed class ServiceControlTests
{
    [Fact]
    public void Without_the_variable_systemd_is_used()
    {
        Assert.IsType<SystemdServiceControl>(ServiceControlFactory.Create(_ => null, new FakeProcessRunner()));
        Assert.IsType<SystemdServiceControl>(ServiceControlFactory.Create(_ => "  ", new FakeProcessRunner()));
    }

    [Fact]
    public void The_variable_selects_the_command()
    {
        var control = ServiceControlFactory.Create(name => name == "PVE_SERVICE_CONTROL" ? "/lab/svc" : null, new FakeProcessRunner());
        Assert.Equal("/lab/svc", Assert.IsType<CommandServiceControl>(control).Command);
    }

    [Fact]
    public async Task The_command_gets_action_and_unit_name()
    {
        var processes = new FakeProcessRunner();
        var control = new CommandServiceControl("/lab/svc", processes);

        await control.StartAsync(ClusterService.Corosync, CancellationToken.None);
        await control.RestartAsync(ClusterService.Pmxcfs, CancellationToken.None);
        await control.StopAsync(ClusterService.ApiProxy, CancellationToken.None);
        Assert.True(await control.IsActiveAsync(ClusterService.Pmxcfs, CancellationToken.None));

        Assert.Equal(["/lab/svc start corosync", "/lab/svc restart pve-cluster", "/lab/svc stop pveproxy", "/lab/svc status pve-cluster"], processes.Calls);
    }

    [Fact]
    public async Task A_failing_command_names_the_call_and_its_error_and_status_reports_inactive()
    {
        var processes = new FakeProcessRunner { OtherResult = new ProcessResult(3, "", "unit not found") };
        var control = new CommandServiceControl("/lab/svc", processes);

        var error = await Assert.ThrowsAsync<LifecycleException>(() => control.StartAsync(ClusterService.Corosync, CancellationToken.None));
        Assert.Equal("'/lab/svc start corosync' failed: unit not found (exit code 3)", error.Message);
        Assert.False(await control.IsActiveAsync(ClusterService.Corosync, CancellationToken.None));
    }

    [Fact]
    public async Task Systemd_uses_is_active_for_status()
    {
        var processes = new FakeProcessRunner();
        await new SystemdServiceControl(processes).IsActiveAsync(ClusterService.Pmxcfs, CancellationToken.None);
        Assert.Equal(["systemctl is-active --quiet pve-cluster"], processes.Calls);
    }

    [Fact]
    public async Task The_real_process_runner_reports_a_missing_program_clearly()
    {
        var error = await Assert.ThrowsAsync<LifecycleException>(() =>
            ProcessRunner.Instance.RunAsync("/nonexistent/svc-control", ["status", "corosync"], CancellationToken.None));
        Assert.Contains("cannot run '/nonexistent/svc-control'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_process_runner_captures_exit_code_and_output()
    {
        var result = await ProcessRunner.Instance.RunAsync("/bin/sh", ["-c", "read x; echo out-$x; echo err >&2; exit 4"], CancellationToken.None, "in\n");
        Assert.Equal(new ProcessResult(4, "out-in\n", "err\n"), result);
    }
}
