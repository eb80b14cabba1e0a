namespace PveCluster.Fuzz.Engine;

/// <summary>An accepted input broke a property the target promises (round trip, canonical form, result range).</summary>
internal sealed class InvariantViolatedException : Exception
{
    public InvariantViolatedException()
    {
    }

    public InvariantViolatedException(string message)
        : base(message)
    {
    }

    public InvariantViolatedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvariantViolatedException(what);
        }
    }
}
