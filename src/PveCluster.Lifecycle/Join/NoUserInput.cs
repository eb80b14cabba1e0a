namespace PveCluster.Lifecycle.Join;

/// <summary>Nobody to ask (an API task): every answer must come with the request, so nothing is ever prompted for.</summary>
public sealed class NoUserInput : IUserInput
{
    public static NoUserInput Instance { get; } = new();

    public bool IsInteractive => false;

    public string? ReadLine() => null;

    public string ReadSecret() => throw new InvalidOperationException("no terminal to read a secret from");
}
