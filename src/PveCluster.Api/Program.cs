using PveCluster.Api.Hosting;

return await ApiCommandLine.RunAsync(args).ConfigureAwait(false);
