using System.Diagnostics;

namespace PveCluster.Api.Tests;

/// <summary>A throw-away local user with a random password, removed again on dispose.</summary>
public sealed class SystemTestUser : IDisposable
{
    private SystemTestUser(string name, string password)
    {
        Name = name;
        Password = password;
    }

    public string Name { get; }

    public string Password { get; }

    public static SystemTestUser Create()
    {
        var name = "pveapit" + Guid.NewGuid().ToString("N")[..8];
        var password = "Pw-" + Guid.NewGuid().ToString("N");
        Run("useradd", ["--no-create-home", "--shell", "/usr/sbin/nologin", name]);
        var user = new SystemTestUser(name, password);
        try
        {
            Run("chpasswd", [], stdin: $"{name}:{password}\n");
        }
        catch
        {
            user.Dispose();
            throw;
        }

        return user;
    }

    public void Dispose() => Run("userdel", [Name]);

    private static void Run(string program, string[] arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
        }
    }
}
