Console.Error.WriteLine("pve-api: not implemented yet");
return 1;
