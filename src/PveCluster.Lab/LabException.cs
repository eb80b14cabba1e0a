namespace PveCluster.Lab;

/// <summary>Root of the lab's exceptions: a lab operation could not be carried out.</summary>
public class LabException : Exception
{
    public LabException()
    {
    }

    public LabException(string message)
        : base(message)
    {
    }

    public LabException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
