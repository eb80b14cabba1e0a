namespace PveCluster.Lab.Status;

/// <summary>State of one knet link of a node as the lab set it up.</summary>
public sealed record LinkStatus(int Link, bool CarrierUp, bool Dropped, bool Delayed)
{
    /// <summary>UP or CUT, plus +DROP / +DELAY (like lab.sh).</summary>
    public override string ToString() =>
        $"eth{Link}={(CarrierUp ? "UP" : "CUT")}{(Dropped ? "+DROP" : "")}{(Delayed ? "+DELAY" : "")}";
}
