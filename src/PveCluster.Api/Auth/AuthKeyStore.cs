using System.Security.Cryptography;
using PveCluster.Api.Envelope;
using PveCluster.Api.PveFiles;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Auth;

/// <summary>
/// The ticket keys and CSRF secret, read from the pve-dir and re-read when a file changes (joining a cluster
/// replaces them with the cluster's keys while the server keeps running).
/// </summary>
public sealed class AuthKeyStore(PveDirectory pveDir) : IDisposable
{
    private readonly CachedFile<RSA> _privateKey = new(pveDir.AuthPrivateKey, text => AuthKeyMaterial.ImportKey(text, "authkey.key"));
    private readonly CachedFile<RSA> _publicKey = new(pveDir.AuthPublicKey, text => AuthKeyMaterial.ImportKey(text, "authkey.pub"));
    private readonly CachedFile<byte[]> _csrfSecret = new(pveDir.CsrfSecret, AuthKeyMaterial.ReadCsrfSecret);

    public string CreateTicket(UserId user, DateTimeOffset now) => AuthTicket.Create(_privateKey.Get(), user, now);

    public TicketCheck VerifyTicket(string? ticket, DateTimeOffset now) => AuthTicket.Verify(_publicKey.Get(), ticket, now);

    public string CreateCsrfToken(UserId user, DateTimeOffset now) => CsrfToken.Create(_csrfSecret.Get(), user, now);

    public AuthFailure? VerifyCsrfToken(UserId user, string? token, DateTimeOffset now) =>
        CsrfToken.Verify(_csrfSecret.Get(), user, token, now);

    public void Dispose()
    {
        _privateKey.Dispose();
        _publicKey.Dispose();
    }

    /// <summary>A parsed file that is parsed again when its modification time or size changes.</summary>
    private sealed class CachedFile<T>(string path, Func<string, T> parse) : IDisposable
        where T : class
    {
        private readonly Lock _lock = new();
        private (DateTime Modified, long Length, T Value)? _cached;

        public T Get()
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new ApiException(StatusCodes.Status500InternalServerError, $"authentication key file '{path}' is missing");
            }

            lock (_lock)
            {
                if (_cached is { } c && c.Modified == info.LastWriteTimeUtc && c.Length == info.Length)
                {
                    return c.Value;
                }

                T value;
                try
                {
                    value = parse(File.ReadAllText(path));
                }
                catch (FormatException e)
                {
                    throw new ApiException(StatusCodes.Status500InternalServerError, $"'{path}': {e.Message}");
                }

                (_cached?.Value as IDisposable)?.Dispose();
                _cached = (info.LastWriteTimeUtc, info.Length, value);
                return value;
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                (_cached?.Value as IDisposable)?.Dispose();
                _cached = null;
            }
        }
    }
}
