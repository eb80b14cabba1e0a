using System.Collections.Concurrent;
using PveCluster.Api.Envelope;

namespace PveCluster.Api.Auth.Login;

/// <summary>
/// Runs PAM checks on a few dedicated threads fed by a bounded queue. A failed PAM call blocks its thread for the
/// fail delay (about 2 s); on thread-pool threads a login flood starved every other request, here it only fills
/// this queue, and a full queue refuses at once (503).
/// </summary>
public sealed class PamWorkerPool : IDisposable
{
    private readonly BlockingCollection<Job> _queue;
    private readonly Thread[] _threads;
    private readonly PamAuthenticator _pam;
    private readonly ILogger<PamWorkerPool> _logger;

    public PamWorkerPool(PamAuthenticator pam, LoginPolicy policy, ILogger<PamWorkerPool> logger)
    {
        ArgumentNullException.ThrowIfNull(pam);
        ArgumentNullException.ThrowIfNull(policy);
        _pam = pam;
        _logger = logger;
        _queue = new BlockingCollection<Job>(Math.Max(1, policy.MaxConcurrentLogins));
        _threads = [.. Enumerable.Range(0, Math.Max(1, policy.PamThreads)).Select(i => new Thread(Work)
        {
            IsBackground = true,
            Name = $"pam-{i}",
        })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>The PAM outcome and how long the PAM call itself took (without the wait in the queue).</summary>
    /// <exception cref="ApiException">503 when the queue is full.</exception>
    public Task<(PamResult Result, TimeSpan Duration)> AuthenticateAsync(string user, string password, string? remoteHost, CancellationToken cancellationToken)
    {
        var job = new Job(user, password, remoteHost, cancellationToken);
        if (!_queue.TryAdd(job))
        {
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, "too many logins in progress; try again shortly")
            {
                RetryAfter = TimeSpan.FromSeconds(2),
            };
        }

        return job.Result.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        // A thread in the middle of a PAM call finishes it (at most the fail delay); it is a background thread either way.
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        _queue.Dispose();
    }

    private void Work()
    {
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            if (job.Cancellation.IsCancellationRequested)
            {
                job.Result.TrySetCanceled(job.Cancellation);
                continue;
            }

            try
            {
                var started = TimeProvider.System.GetTimestamp();
                var result = _pam.Authenticate(job.User, job.Password, job.RemoteHost);
                job.Result.TrySetResult((result, TimeProvider.System.GetElapsedTime(started)));
            }
            catch (Exception e) when (e is InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
            {
                _logger.LogError(e, "PAM check for {User} could not run", job.User);
                job.Result.TrySetException(e);
            }
        }
    }

    private sealed record Job(string User, string Password, string? RemoteHost, CancellationToken Cancellation)
    {
        public TaskCompletionSource<(PamResult, TimeSpan)> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
