namespace PveCluster.Fuzz.Engine;

/// <summary>
/// One parser or decoder under test. <see cref="Run"/> returns true when the input is accepted (after
/// the target's own invariants and round trip held); it rejects an input by throwing the target's own
/// error type (<see cref="IsRejection"/>) or, where the interface answers with error codes, by
/// returning false. Any other exception is a finding.
/// </summary>
internal abstract class FuzzTarget
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>Real inputs the mutations start from (fixtures, output of the real encoders).</summary>
    public abstract IReadOnlyList<byte[]> Samples { get; }

    /// <summary>Whether inputs are text (shown escaped in findings) or binary (shown as hex).</summary>
    public virtual bool IsText => true;

    /// <summary>A structure-aware input, or null when the target has no generator.</summary>
    public virtual byte[]? Generate(Random random, Mutator mutator) => null;

    /// <exception cref="InvariantViolatedException">An accepted input broke an invariant or did not survive its round trip.</exception>
    public abstract bool Run(byte[] input);

    /// <summary>True for the target's own error type carrying a clear message.</summary>
    public abstract bool IsRejection(Exception exception);

    /// <summary>The own-error check every target shares: the exact type and a non-empty message without raw control characters.</summary>
    protected static bool IsClearError<TError>(Exception exception)
        where TError : Exception =>
        exception.GetType() == typeof(TError)
        && exception.Message.Length > 0
        && !exception.Message.Any(char.IsControl);
}
