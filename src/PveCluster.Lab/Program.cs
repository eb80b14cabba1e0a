using PveCluster.Lab.Cli;

return await LabCli.RunAsync(args).ConfigureAwait(false);
