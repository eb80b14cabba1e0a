namespace PveCluster.Cfs.Persistence;

/// <summary>The database file cannot be used: unreadable, not SQLite, wrong schema, or an inconsistent tree.</summary>
public sealed class ConfigDatabaseException : Exception
{
    public ConfigDatabaseException()
    {
    }

    public ConfigDatabaseException(string message)
        : base(message)
    {
    }

    public ConfigDatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
