namespace PveCluster.Lifecycle.Join;

/// <summary>
/// The peer's root password: given by the API request, from <c>--password-file</c> (first line), from one line of piped stdin
/// (automation), or typed without echo.
/// </summary>
public static class PasswordSource
{
    /// <exception cref="LifecycleException">The file is unreadable or empty, or stdin has no line.</exception>
    public static string Read(string host, JoinOptions options, IUserInput input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (options.Password is not null)
        {
            return NotEmpty(options.Password, "no password given");
        }

        var passwordFile = options.PasswordFile;
        string? password;
        if (passwordFile is not null)
        {
            try
            {
                using var reader = new StreamReader(passwordFile);
                password = reader.ReadLine();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new LifecycleException($"cannot read --password-file '{passwordFile}': {ex.Message}", ex);
            }

            return NotEmpty(password, $"--password-file '{passwordFile}' is empty");
        }

        if (!input.IsInteractive)
        {
            return NotEmpty(input.ReadLine(), "no password: stdin is not a terminal and has no line to read; use --password-file FILE");
        }

        output.Write($"Please enter superuser (root) password for '{host}': ");
        output.Flush();
        return NotEmpty(input.ReadSecret(), "no password entered");
    }

    private static string NotEmpty(string? password, string problem) =>
        string.IsNullOrEmpty(password) ? throw new LifecycleException(problem) : password;
}
