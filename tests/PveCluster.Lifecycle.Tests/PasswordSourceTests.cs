using PveCluster.Lifecycle.Join;

namespace PveCluster.Lifecycle.Tests;

public sealed class PasswordSourceTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    private static JoinOptions Options(string? passwordFile, string? password = null) => new("h", [], PasswordFile: passwordFile, Password: password);

    [Fact]
    public void A_password_given_by_the_api_wins_and_nothing_is_read()
    {
        File.WriteAllText(_file, "from the file\n");
        var input = new FakeUserInput(interactive: true, "from stdin");

        Assert.Equal("from the request", PasswordSource.Read("h", Options(_file, "from the request"), input, TextWriter.Null));
        Assert.Equal(0, input.LinesRead);
    }

    [Fact]
    public void The_file_wins_over_stdin_and_only_its_first_line_counts()
    {
        File.WriteAllText(_file, "pw one\nsecond line\n");
        var input = new FakeUserInput(interactive: false, "from stdin");

        Assert.Equal("pw one", PasswordSource.Read("h", Options(_file), input, TextWriter.Null));
        Assert.Equal(0, input.LinesRead);
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        File.WriteAllText(_file, "");
        var error = Assert.Throws<LifecycleException>(() => PasswordSource.Read("h", Options(_file), new FakeUserInput(false), TextWriter.Null));
        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_names_the_file()
    {
        var error = Assert.Throws<LifecycleException>(() => PasswordSource.Read("h", Options(_file + ".missing"), new FakeUserInput(false), TextWriter.Null));
        Assert.Contains(".missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_piped_stdin_is_an_error_that_suggests_the_file_option()
    {
        var error = Assert.Throws<LifecycleException>(() => PasswordSource.Read("h", Options(null), new FakeUserInput(false), TextWriter.Null));
        Assert.Contains("--password-file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_terminal_is_asked_without_echo()
    {
        var input = new FakeUserInput(interactive: true);
        input.Secrets.Enqueue("typed");
        var output = new StringWriter();

        Assert.Equal("typed", PasswordSource.Read("pve1", Options(null), input, output));
        Assert.Equal("Please enter superuser (root) password for 'pve1': ", output.ToString());
        Assert.Equal(0, input.LinesRead);
    }
}
