namespace PveCluster.Api.Proxy;

/// <summary>Where a <c>/nodes/{node}/...</c> request is answered: here, or by another member's pveproxy.</summary>
public abstract record NodeTarget
{
    private NodeTarget()
    {
    }

    public sealed record Local : NodeTarget;

    /// <param name="Node">The member's name as pmxcfs lists it.</param>
    /// <param name="Address">Its address from <c>.members</c>.</param>
    public sealed record Remote(string Node, string Address) : NodeTarget;
}
