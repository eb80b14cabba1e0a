Console.Error.WriteLine("pmxcfs: not implemented yet");
return 1;
