using System.CommandLine;
using System.Text.Json;

namespace PveCluster.Bench.Cfs.Worker;

/// <summary>
/// The hidden <c>worker</c> subcommand: the host runs it inside a lab node (its namespaces, so
/// /etc/pve is that node's pmxcfs mount) and reads one line of JSON from its output.
/// </summary>
public static class WorkerCommand
{
    public const string Name = "worker";

    public static Command Create()
    {
        var directory = new Option<string>("--dir") { Required = true, Description = "Directory to create the files in (must not hold them yet)." };
        var files = new Option<int>("--files") { Required = true };
        var size = new Option<int>("--size") { Required = true };
        var command = new Command(Name, "Run one timed small-file workload in this node and print the result as JSON.")
        {
            Hidden = true,
        };
        command.Options.Add(directory);
        command.Options.Add(files);
        command.Options.Add(size);
        command.SetAction(result =>
        {
            var measured = SmallFileWorkload.Run(result.GetValue(directory)!, result.GetValue(files), result.GetValue(size));
            Console.Out.WriteLine(JsonSerializer.Serialize(measured));
            return 0;
        });
        return command;
    }

    public static WorkloadResult Parse(string output) =>
        JsonSerializer.Deserialize<WorkloadResult>(output.Trim().Split('\n')[^1])
        ?? throw new InvalidDataException($"the worker printed no result: {output}");
}
