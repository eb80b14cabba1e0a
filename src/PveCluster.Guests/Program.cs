using PveCluster.Guests;

return GuestsApp.Run(args);
