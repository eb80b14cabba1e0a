namespace PveCluster.Corosync;

/// <summary>The single place where native results become exceptions.</summary>
internal static class Cs
{
    /// <summary>Throws <see cref="CorosyncException"/> unless <paramref name="result"/> is CS_OK.</summary>
    public static void Check(CsError result, string operation)
    {
        if (result != CsError.Ok)
        {
            throw new CorosyncException(result, operation);
        }
    }
}
