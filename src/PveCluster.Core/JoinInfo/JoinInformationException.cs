namespace PveCluster.Core.JoinInfo;

/// <summary>Pasted join information that cannot be used.</summary>
public sealed class JoinInformationException : FormatException
{
    public JoinInformationException()
    {
    }

    public JoinInformationException(string message)
        : base(message)
    {
    }

    public JoinInformationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
