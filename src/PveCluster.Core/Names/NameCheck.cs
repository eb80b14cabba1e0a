namespace PveCluster.Core.Names;

/// <summary>The outcome of checking a cluster or node name.</summary>
/// <param name="IsValid">True when the name may be used.</param>
/// <param name="Error">Why the name is refused, or null when valid.</param>
public readonly record struct NameCheck(bool IsValid, string? Error)
{
    internal static NameCheck Ok => new(true, null);

    internal static NameCheck Fail(string error) => new(false, error);

    /// <summary>Throws <see cref="ArgumentException"/> with <see cref="Error"/> when the name is invalid.</summary>
    public void ThrowIfInvalid(string? paramName = null)
    {
        if (!IsValid)
        {
            throw new ArgumentException(Error, paramName);
        }
    }
}
