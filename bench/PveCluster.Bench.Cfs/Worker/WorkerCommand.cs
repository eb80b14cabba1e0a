using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PveCluster.Bench.Cfs.Worker;

/// <summary>
/// The hidden worker subcommands: the host runs them inside a lab node (its namespaces, so
/// /etc/pve is that node's pmxcfs mount) and reads one line of JSON from their output.
/// </summary>
public static class WorkerCommand
{
    public const string Write = "worker-write";
    public const string Read = "worker-read";
    public const string Time = "worker-time";
    public const string Steps = "worker-steps";

    public static IEnumerable<Command> Create()
    {
        yield return WriteCommand();
        yield return ReadCommand();
        yield return TimeCommand();
        yield return StepsCommand();
    }

    public static T Parse<T>(string output, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(output.Trim().Split('\n')[^1], type)
        ?? throw new InvalidDataException($"the worker printed no result: {output}");

    internal static JsonTypeInfo<WriteSample> WriteType => WorkerJson.Default.WriteSample;

    internal static JsonTypeInfo<ReadSample> ReadType => WorkerJson.Default.ReadSample;

    internal static JsonTypeInfo<TimedCommandSample> TimeType => WorkerJson.Default.TimedCommandSample;

    internal static JsonTypeInfo<StepTrace> StepsType => WorkerJson.Default.StepTrace;

    private static Command WriteCommand()
    {
        var directory = new Option<string>("--dir") { Required = true, Description = "Directory to create the files in." };
        var prefix = new Option<string>("--prefix") { Required = true, Description = "File name prefix, unique per worker process." };
        var files = new Option<int>("--files") { Required = true };
        var size = new Option<int>("--size") { Required = true };
        var threads = new Option<int>("--threads") { Required = true };
        var startAt = new Option<double>("--start-at") { Required = true, Description = "Unix time in ms at which to begin." };
        var command = new Command(Write, "Create files concurrently, timing each create+write+close; print the result as JSON.")
        {
            Hidden = true,
        };
        foreach (var option in new Option[] { directory, prefix, files, size, threads, startAt })
            command.Options.Add(option);
        command.SetAction(result =>
        {
            var sample = SmallFileWorkload.Write(result.GetValue(directory)!, result.GetValue(prefix)!, result.GetValue(files),
                result.GetValue(size), result.GetValue(threads), result.GetValue(startAt));
            Console.Out.WriteLine(JsonSerializer.Serialize(sample, WriteType));
            return 0;
        });
        return command;
    }

    private static Command ReadCommand()
    {
        var directory = new Option<string>("--dir") { Required = true, Description = "Directory whose files to read." };
        var size = new Option<int>("--size") { Required = true, Description = "The size every file must have." };
        var command = new Command(Read, "Read every file of a directory several times; print the result as JSON.")
        {
            Hidden = true,
        };
        command.Options.Add(directory);
        command.Options.Add(size);
        command.SetAction(result =>
        {
            var sample = SmallFileWorkload.Read(result.GetValue(directory)!, result.GetValue(size));
            Console.Out.WriteLine(JsonSerializer.Serialize(sample, ReadType));
            return 0;
        });
        return command;
    }

    private static Command TimeCommand()
    {
        var runs = new Option<int>("--runs") { Required = true };
        var program = new Argument<string[]>("command") { Arity = ArgumentArity.OneOrMore };
        var command = new Command(Time, "Run a command several times (it must succeed), timing each run; print the result as JSON.")
        {
            Hidden = true,
        };
        command.Options.Add(runs);
        command.Arguments.Add(program);
        command.SetAction(async (result, cancellationToken) =>
        {
            var line = result.GetValue(program)!;
            var wall = new double[result.GetValue(runs)];
            for (var i = 0; i < wall.Length; i++)
                wall[i] = await RunOnceAsync(line, cancellationToken).ConfigureAwait(false);
            Console.Out.WriteLine(JsonSerializer.Serialize(new TimedCommandSample(string.Join(' ', line), wall), TimeType));
            return 0;
        });
        return command;
    }

    private static Command StepsCommand()
    {
        var program = new Argument<string[]>("command") { Arity = ArgumentArity.OneOrMore };
        var command = new Command(Steps, "Run a command once, stamping each line of its output; print the trace (and its exit code) as JSON.")
        {
            Hidden = true,
        };
        command.Arguments.Add(program);
        command.SetAction(async (result, cancellationToken) =>
        {
            var trace = await StepTracer.RunAsync(result.GetValue(program)!, cancellationToken).ConfigureAwait(false);
            Console.Out.WriteLine(JsonSerializer.Serialize(trace, StepsType));
            return 0;
        });
        return command;
    }

    private static async Task<double> RunOnceAsync(string[] line, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var process = StepTracer.StartRedirected(line);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        await Task.WhenAll(output, error).ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`{string.Join(' ', line)}` exited {process.ExitCode}: {(await error.ConfigureAwait(false)).Trim()}");
        return elapsed;
    }
}
