using PveCluster.Core.Text;

namespace PveCluster.Core.JoinInfo;

/// <summary>Pasted join information that cannot be used; control characters from the input are shown escaped.</summary>
public sealed class JoinInformationException : FormatException
{
    public JoinInformationException()
    {
    }

    public JoinInformationException(string message)
        : base(CharNames.Printable(message))
    {
    }

    public JoinInformationException(string message, Exception innerException)
        : base(CharNames.Printable(message), innerException)
    {
    }
}
