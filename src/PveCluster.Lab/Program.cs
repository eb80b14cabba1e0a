Console.Error.WriteLine("pvelab: not implemented yet");
return 1;
