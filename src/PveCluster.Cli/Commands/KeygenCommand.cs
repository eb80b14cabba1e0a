using System.CommandLine;
using PveCluster.Cli.Lifecycle;
using PveCluster.Lifecycle;

namespace PveCluster.Cli.Commands;

/// <summary><c>pvecm keygen FILE</c>: a new corosync authkey (128 random bytes, mode 0400); an existing file is never overwritten.</summary>
internal static class KeygenCommand
{
    public static Command Create(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var file = new Argument<string>("filename") { Description = "Where to write the key." };
        var command = new Command("keygen", "Generate a new corosync authentication key.") { file };
        command.SetAction((result, cancellationToken) => LifecycleCommandRunner.RunAsync(
            environment,
            async () =>
            {
                var path = result.GetValue(file)!;
                if (!AuthKeyFile.TryCreate(path))
                {
                    throw new CliException($"'{path}' already exists; not overwriting a corosync key (remove it first if you really mean it)");
                }

                await environment.Out.WriteLineAsync($"wrote a new corosync authkey to {path}".AsMemory(), cancellationToken).ConfigureAwait(false);
            },
            cancellationToken));
        return command;
    }
}
