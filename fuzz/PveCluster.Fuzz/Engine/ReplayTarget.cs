namespace PveCluster.Fuzz.Engine;

/// <summary>A target whose only sample is one saved input, so a replay runs exactly that input once.</summary>
internal sealed class ReplayTarget(FuzzTarget inner, byte[] input) : FuzzTarget
{
    public override string Name => inner.Name;

    public override string Description => inner.Description;

    public override IReadOnlyList<byte[]> Samples { get; } = [input];

    public override bool IsText => inner.IsText;

    public override bool Run(byte[] input) => inner.Run(input);

    public override bool IsRejection(Exception exception) => inner.IsRejection(exception);
}
