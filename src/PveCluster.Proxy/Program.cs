using PveCluster.Api.Hosting;

return await ProxyCommandLine.RunAsync(args).ConfigureAwait(false);
