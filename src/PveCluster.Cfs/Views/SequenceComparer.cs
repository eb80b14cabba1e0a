namespace PveCluster.Cfs.Views;

/// <summary>Compares lists element by element (records inside compare by value).</summary>
internal sealed class SequenceComparer<T> : IEqualityComparer<IReadOnlyList<T>>
{
    public static SequenceComparer<T> Instance { get; } = new();

    public bool Equals(IReadOnlyList<T>? x, IReadOnlyList<T>? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y));

    public int GetHashCode(IReadOnlyList<T> obj) => obj.Count;
}
