using PveCluster.Fuzz;

// pve-fuzz [--target NAME|all] [--iterations N] [--seed S] [--time-limit SECONDS]: exit 0 without findings,
// 1 with findings, 2 on bad usage, 3 when an input hangs.
return await FuzzCommand.Create(Console.Out, Console.Error).Parse(args).InvokeAsync();
