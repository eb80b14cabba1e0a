namespace PveCluster.Core.CorosyncConf;

/// <summary>A <c>key: value</c> line. The value is the rest of the line, trimmed, exactly as corosync reads it.</summary>
public sealed class ConfValue : ConfItem
{
    private string _value;

    /// <exception cref="ArgumentException">The key or value cannot be written as a corosync.conf line.</exception>
    public ConfValue(string key, string value, int? line = null)
        : base(line)
    {
        ConfSyntax.EnsureKey(key);
        Key = key;
        _value = ConfSyntax.NormalizeValue(value);
    }

    public string Key { get; }

    /// <summary>The value; surrounding whitespace is dropped because corosync drops it too.</summary>
    public string Value
    {
        get => _value;
        set => _value = ConfSyntax.NormalizeValue(value);
    }

    public override ConfItem DeepClone()
    {
        var copy = new ConfValue(Key, _value, Line);
        CopyCommentsTo(copy);
        return copy;
    }

    public override bool SameContentAs(ConfItem other) =>
        other is ConfValue v
        && string.Equals(Key, v.Key, StringComparison.Ordinal)
        && string.Equals(_value, v._value, StringComparison.Ordinal)
        && SameCommentsAs(v);

    public override string ToString() => $"{Key}: {_value}";
}
