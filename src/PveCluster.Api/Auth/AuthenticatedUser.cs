using PveCluster.Core.Auth;

namespace PveCluster.Api.Auth;

/// <summary>The user a request's ticket belongs to, stored on the <see cref="HttpContext"/> by <see cref="TicketAuthMiddleware"/>.</summary>
public static class AuthenticatedUser
{
    private static readonly object Key = new();

    public static void Set(HttpContext context, UserId user)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Key] = user;
    }

    /// <exception cref="InvalidOperationException">The endpoint is not behind the ticket check.</exception>
    public static UserId Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Key, out var user) && user is UserId id
            ? id
            : throw new InvalidOperationException("no authenticated user on this request");
    }
}
