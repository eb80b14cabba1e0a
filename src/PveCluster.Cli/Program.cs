using PveCluster.Cli;

return PvecmApp.Run(args);
