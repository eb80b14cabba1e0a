namespace PveCluster.Core.Certificates;

/// <summary>PEM text that cannot be read as the expected certificate or key.</summary>
public sealed class CertificateFormatException : FormatException
{
    public CertificateFormatException()
    {
    }

    public CertificateFormatException(string message)
        : base(message)
    {
    }

    public CertificateFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
