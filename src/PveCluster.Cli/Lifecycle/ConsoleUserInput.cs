using System.Text;
using PveCluster.Lifecycle.Join;

namespace PveCluster.Cli.Lifecycle;

/// <summary>The terminal: ReadKey with intercept, so the password never appears on screen.</summary>
internal sealed class ConsoleUserInput : IUserInput
{
    public bool IsInteractive => !Console.IsInputRedirected;

    public string? ReadLine() => Console.In.ReadLine();

    public string ReadSecret()
    {
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    return secret.ToString();
                case ConsoleKey.Backspace:
                    if (secret.Length > 0)
                    {
                        secret.Length--;
                    }

                    break;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        secret.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }
}
