Console.Error.WriteLine("pve-bench-cfs: not implemented yet");
return 1;
