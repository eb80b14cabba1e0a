using PveCluster.Core.JoinInfo;

namespace PveCluster.Lifecycle.Join;

/// <summary>
/// Decides whether the peer's HTTPS certificate is the one the admin means, before any password is
/// sent: a given <c>--fingerprint</c> must match exactly; otherwise the admin confirms it like an
/// unknown SSH host key. Without a terminal and without <c>--fingerprint</c> nothing can be confirmed.
/// </summary>
public static class FingerprintCheck
{
    /// <exception cref="LifecycleException">The fingerprint does not match, was not confirmed, or cannot be asked for.</exception>
    public static void Verify(string host, CertificateFingerprint actual, string? expected, IUserInput input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (expected is not null)
        {
            if (!CertificateFingerprint.TryParse(expected, out var pinned) || pinned is null)
            {
                throw LifecycleException.Usage(
                    $"--fingerprint '{expected}' is not a SHA-256 fingerprint (32 hex byte pairs separated by ':')");
            }

            if (!pinned.Equals(actual))
            {
                throw new LifecycleException(
                    $"fingerprint mismatch: expected {pinned.Value}, got {actual.Value} — nothing was changed. "
                    + $"Check that '{host}' is the cluster node you mean (its fingerprint is shown in the GUI's Join Information)");
            }

            return;
        }

        if (!input.IsInteractive)
        {
            throw new LifecycleException(
                $"cannot confirm the certificate of '{host}': stdin is not a terminal and no --fingerprint was given. "
                + $"Verify the fingerprint on the cluster node (GUI: Datacenter -> Cluster -> Join Information) and pass it: "
                + $"--fingerprint {actual.Value}");
        }

        output.WriteLine($"The authenticity of host '{host}' can't be established.");
        output.WriteLine($"X509 SHA256 key fingerprint is {actual.Value}.");
        output.Write("Are you sure you want to continue connecting (yes/no)? ");
        output.Flush();
        var answer = input.ReadLine()?.Trim();
        if (!string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
        {
            throw new LifecycleException("host key verification failed: the fingerprint was not confirmed; nothing was changed");
        }
    }
}
