using PveCluster.Api.Auth.Keys;
using PveCluster.Api.Auth.Login;
using PveCluster.Api.Hosting;

namespace PveCluster.Api.Auth;

/// <summary>
/// The authentication services in one place: ticket keys and their rotation, and the login (throttle, PAM threads,
/// failure timing). Kept together so the later split into an unprivileged proxy and a root daemon can move them.
/// </summary>
public static class AuthServices
{
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<TicketKeyRotation>();
        services.AddSingleton<AuthKeyStore>();
        services.AddHostedService<TicketKeyRotationService>();
        services.AddSingleton(provider => new PamAuthenticator(options.PamService, provider.GetRequiredService<ILogger<PamAuthenticator>>()));
        services.AddSingleton(options.Login);
        services.AddSingleton<PamWorkerPool>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<FailureTiming>();
        services.AddSingleton<LoginService>();
        return services;
    }
}
