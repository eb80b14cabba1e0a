using System.Diagnostics;
using System.Security.Cryptography;

namespace PveCluster.Bench.Cfs.Worker;

/// <summary>
/// Runs inside a node: creates <c>files</c> new files of <c>size</c> bytes in a directory, timing
/// each create+write+close on its own, then reads them all back <see cref="ReadPasses"/> times.
/// </summary>
public static class SmallFileWorkload
{
    /// <summary>Several passes, so that the read figure rests on more than a few milliseconds.</summary>
    public const int ReadPasses = 5;

    public static WorkloadResult Run(string directory, int files, int size)
    {
        Directory.CreateDirectory(directory);
        var payload = RandomNumberGenerator.GetBytes(size);
        var paths = Enumerable.Range(0, files).Select(i => Path.Combine(directory, $"f{i:D6}")).ToArray();
        var latencies = new double[files];

        var total = Stopwatch.StartNew();
        for (var i = 0; i < files; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using (var handle = File.OpenHandle(paths[i], FileMode.CreateNew, FileAccess.Write))
            {
                RandomAccess.Write(handle, payload, fileOffset: 0);
            }
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        var createSeconds = total.Elapsed.TotalSeconds;

        var buffer = new byte[Math.Max(size, 1)];
        long bytesRead = 0;
        var reading = Stopwatch.StartNew();
        for (var pass = 0; pass < ReadPasses; pass++)
        {
            foreach (var path in paths)
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
                bytesRead += ReadAll(handle, buffer);
            }
        }
        var readSeconds = reading.Elapsed.TotalSeconds;

        var expected = (long)size * files * ReadPasses;
        if (bytesRead != expected)
            throw new InvalidDataException($"read back {bytesRead} bytes from {directory}, expected {expected}");

        Array.Sort(latencies);
        return new WorkloadResult(directory, files, size, createSeconds,
            Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99), latencies[^1],
            ReadPasses, bytesRead, readSeconds);
    }

    private static long ReadAll(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte[] buffer)
    {
        long offset = 0;
        int read;
        while ((read = RandomAccess.Read(handle, buffer, offset)) > 0)
            offset += read;
        return offset;
    }
}
