using System.CommandLine;
using System.Runtime.InteropServices;
using PveCluster.Bench.Cfs.Host;

// pve-bench-cfs [--nodes 3] [--files N] [--size 1024] [--writers N] [--spread] [--compare PATH] [--json] [--join]; `worker-*` (hidden) run inside lab nodes.
// SIGINT/SIGTERM only cancel: the run must get to tear its lab down, so System.CommandLine's own
// handling (which ends the process after a grace period) is switched off.
using var stop = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
return await BenchCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);

void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
