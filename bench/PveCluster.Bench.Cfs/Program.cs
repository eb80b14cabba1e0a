using PveCluster.Bench.Cfs.Host;

// pve-bench-cfs [--nodes 3] [--files N] [--size 1024]; `worker` (hidden) runs inside a lab node.
return await BenchCommand.Create().Parse(args).InvokeAsync();
