namespace PveCluster.Api.Auth.Login;

/// <summary>
/// At most <c>capacity</c> records keyed by attacker-chosen strings: the least recently touched record is dropped
/// when a new key arrives at capacity, and records idle past their expiry are dropped on access. Not thread-safe;
/// the owner locks.
/// </summary>
internal sealed class ExpiringLruTable<TValue>(int capacity, Func<TValue, DateTimeOffset, bool> isExpired)
    where TValue : class, new()
{
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, TValue Value)> _recency = new();

    public int Count => _index.Count;

    public TValue? Find(string key, DateTimeOffset now)
    {
        if (!_index.TryGetValue(key, out var node))
        {
            return null;
        }

        if (isExpired(node.Value.Value, now))
        {
            Remove(node);
            return null;
        }

        return node.Value.Value;
    }

    /// <summary>The record for <paramref name="key"/>, created if missing, and marked most recently used.</summary>
    public TValue Touch(string key, DateTimeOffset now)
    {
        if (Find(key, now) is not null)
        {
            var node = _index[key];
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Value;
        }

        DropExpiredTail(now);
        if (_index.Count >= capacity && _recency.Last is { } oldest)
        {
            Remove(oldest);
        }

        var added = _recency.AddFirst((key, new TValue()));
        _index[key] = added;
        return added.Value.Value;
    }

    private void DropExpiredTail(DateTimeOffset now)
    {
        while (_recency.Last is { } last && isExpired(last.Value.Value, now))
        {
            Remove(last);
        }
    }

    private void Remove(LinkedListNode<(string Key, TValue Value)> node)
    {
        _index.Remove(node.Value.Key);
        _recency.Remove(node);
    }
}
