using PveCluster.Api.Hosting;

return await DaemonCommandLine.RunAsync(args).ConfigureAwait(false);
