using PveCluster.Api.Envelope;

namespace PveCluster.Api.Auth.Keys;

/// <summary>
/// A parsed key file and its modification time, parsed again when the file changes (another node rotated the key,
/// or a join replaced it). Modification times have one-second resolution on pmxcfs and key files of one kind have
/// the same size, so a file changed within the last seconds is compared by content rather than trusted by its stat.
/// </summary>
internal sealed class CachedKeyFile<T>(string path, Func<string, T> parse) : IDisposable
    where T : class
{
    private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private Entry? _cached;

    public string Path => path;

    /// <summary>The key and when it was written, or null when the file does not exist.</summary>
    /// <exception cref="ApiException">The file exists but cannot be parsed (500 naming the file).</exception>
    public (T Value, DateTimeOffset Modified)? TryGet()
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        lock (_lock)
        {
            var modified = info.LastWriteTimeUtc;
            var racy = DateTime.UtcNow - modified < RacyWindow;
            if (_cached is { } cached && cached.Modified == modified && cached.Length == info.Length && !racy)
            {
                return (cached.Value, new DateTimeOffset(modified, TimeSpan.Zero));
            }

            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (FileNotFoundException)
            {
                return null;
            }

            if (_cached is { } same && same.Text == text)
            {
                _cached = same with { Modified = modified, Length = info.Length };
                return (same.Value, new DateTimeOffset(modified, TimeSpan.Zero));
            }

            T value;
            try
            {
                value = parse(text);
            }
            catch (FormatException e)
            {
                throw new ApiException(StatusCodes.Status500InternalServerError, $"'{path}': {e.Message}");
            }

            // The replaced key is left to the finalizer: another request may still be verifying with it.
            _cached = new Entry(modified, info.Length, text, value);
            return (value, new DateTimeOffset(modified, TimeSpan.Zero));
        }
    }

    /// <exception cref="ApiException">The file is missing or cannot be parsed.</exception>
    public (T Value, DateTimeOffset Modified) Get() =>
        TryGet() ?? throw new ApiException(StatusCodes.Status500InternalServerError, $"authentication key file '{path}' is missing");

    public void Dispose()
    {
        lock (_lock)
        {
            (_cached?.Value as IDisposable)?.Dispose();
            _cached = null;
        }
    }

    private sealed record Entry(DateTime Modified, long Length, string Text, T Value);
}
