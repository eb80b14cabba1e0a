using PveCluster.Gui.Api;

namespace PveCluster.Gui.Session;

/// <summary>
/// The login state of this browser tab. Logging in stores the ticket answer; the ticket (valid 2 h) is renewed
/// every 15 minutes like Proxmox's GUI does, by posting it as the password; a 401 from any call ends the session.
/// </summary>
public sealed class AuthSession : IDisposable
{
    public static readonly TimeSpan RenewalInterval = TimeSpan.FromMinutes(15);
    private const string StorageKey = "pve-login";

    private readonly PveApiClient _api;
    private readonly ApiCredentials _credentials;
    private readonly BrowserSessionStorage _storage;
    private CancellationTokenSource? _renewal;

    public AuthSession(PveApiClient api, ApiCredentials credentials, BrowserSessionStorage storage)
    {
        _api = api;
        _credentials = credentials;
        _storage = storage;
        _api.Unauthorized += OnUnauthorized;
    }

    public LoginData? Login { get; private set; }

    public bool IsLoggedIn => Login is not null;

    /// <summary>Why the user was sent back to the login, shown there.</summary>
    public string? EndReason { get; private set; }

    public event Action? Changed;

    public async Task RestoreAsync()
    {
        if (LoginData.FromJson(await _storage.GetAsync(StorageKey)) is { } saved)
        {
            await SetAsync(saved);
        }
    }

    /// <exception cref="ApiCallException">Wrong credentials (401) or the server could not be reached.</exception>
    public async Task LoginAsync(string user, string realm, string password, CancellationToken cancellationToken = default)
    {
        var data = await _api.PostAsync("/access/ticket",
            [new("username", user), new("realm", realm), new("password", password), new("new-format", "1")], cancellationToken);
        var login = LoginData.From(data) ?? throw new ApiCallException("the server's login answer has no ticket");
        EndReason = null;
        await SetAsync(login);
    }

    /// <summary>Trades the current ticket for a fresh one; the cookie is replaced by the server's answer.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken = default)
    {
        if (Login is not { } current)
        {
            return;
        }

        var data = await _api.PostAsync("/access/ticket",
            [new("username", current.User), new("password", current.Ticket), new("new-format", "1")], cancellationToken);
        if (LoginData.From(data) is { } renewed)
        {
            await SetAsync(renewed with { ClusterName = renewed.ClusterName ?? current.ClusterName });
        }
    }

    public Task LogoutAsync() => EndAsync(null);

    /// <summary>Keeps the cluster name shown in the tree current (it is set by create/join after login).</summary>
    public void UpdateClusterName(string? name)
    {
        if (Login is { } login && login.ClusterName != name)
        {
            Login = login with { ClusterName = name };
            _ = _storage.SetAsync(StorageKey, Login.ToJson()).AsTask();
            Changed?.Invoke();
        }
    }

    private async Task SetAsync(LoginData login)
    {
        Login = login;
        _credentials.CsrfToken = login.CsrfToken;
        await _storage.SetAsync(StorageKey, login.ToJson());
        StartRenewal();
        Changed?.Invoke();
    }

    private async Task EndAsync(string? reason)
    {
        StopRenewal();
        Login = null;
        EndReason = reason;
        _credentials.CsrfToken = null;
        _credentials.SuppressLogoutOnUnauthorized = false;
        await _storage.RemoveAsync(StorageKey);
        await _storage.DropTicketCookieAsync();
        Changed?.Invoke();
    }

    private void OnUnauthorized()
    {
        if (IsLoggedIn)
        {
            _ = EndAsync("Your session ended (ticket expired or no longer valid): please log in again.");
        }
    }

    private void StartRenewal()
    {
        StopRenewal();
        var cancel = new CancellationTokenSource();
        _renewal = cancel;
        _ = RenewLoopAsync(cancel.Token);
    }

    private async Task RenewLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RenewalInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await RenewAsync(cancellationToken);
                }
                catch (ApiCallException)
                {
                    // A failed renewal is retried at the next tick; a 401 has already ended the session.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Logged out or logged in again: this loop's ticket is gone.
        }
    }

    private void StopRenewal()
    {
        _renewal?.Cancel();
        _renewal?.Dispose();
        _renewal = null;
    }

    public void Dispose()
    {
        _api.Unauthorized -= OnUnauthorized;
        StopRenewal();
    }
}
