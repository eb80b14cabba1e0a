using System.Diagnostics;
using System.Security.Cryptography;

namespace PveCluster.Bench.Cfs.Worker;

/// <summary>
/// Runs inside a node: <c>threads</c> writers create their share of <c>files</c> new files of
/// <c>size</c> bytes each, timing every create+write+close on its own; or all files of a directory
/// are read back <see cref="ReadPasses"/> times.
/// </summary>
public static class SmallFileWorkload
{
    /// <summary>Several passes, so that the read figure rests on more than a few milliseconds.</summary>
    public const int ReadPasses = 5;

    /// <param name="directory">Where to create the files.</param>
    /// <param name="prefix">Names this process' files apart from other processes writing the same directory.</param>
    /// <param name="files">Files this process creates.</param>
    /// <param name="size">Bytes per file.</param>
    /// <param name="threads">Concurrent writers in this process.</param>
    /// <param name="startAtUnixMs">The moment all writer processes of one run begin together.</param>
    public static WriteSample Write(string directory, string prefix, int files, int size, int threads, double startAtUnixMs)
    {
        Directory.CreateDirectory(directory);
        var payload = RandomNumberGenerator.GetBytes(size);
        var latencies = new double[files];
        var delay = startAtUnixMs - UnixNowMs();
        if (delay > 0)
            Thread.Sleep(TimeSpan.FromMilliseconds(delay));

        var start = UnixNowMs();
        var writers = Enumerable.Range(0, threads).Select(writer => new Thread(() =>
        {
            // Writer k takes files k, k+threads, ...: each latency slot has exactly one owner.
            for (var i = writer; i < files; i += threads)
            {
                var path = Path.Combine(directory, $"{prefix}-{i:D6}");
                var begin = Stopwatch.GetTimestamp();
                using (var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write))
                {
                    RandomAccess.Write(handle, payload, fileOffset: 0);
                }
                latencies[i] = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
            }
        })).ToList();
        writers.ForEach(w => w.Start());
        writers.ForEach(w => w.Join());
        return new WriteSample(directory, files, size, threads, start, UnixNowMs(), latencies);
    }

    /// <summary>Reads every file of <paramref name="directory"/>; each must hold exactly <paramref name="size"/> bytes.</summary>
    public static ReadSample Read(string directory, int size)
    {
        var paths = Directory.GetFiles(directory);
        var buffer = new byte[size + 1];
        long bytesRead = 0;
        var reading = Stopwatch.StartNew();
        for (var pass = 0; pass < ReadPasses; pass++)
        {
            foreach (var path in paths)
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
                var read = ReadAll(handle, buffer);
                if (read != size)
                    throw new InvalidDataException($"{path} holds {read} bytes, expected {size}");
                bytesRead += read;
            }
        }
        return new ReadSample(directory, paths.Length, ReadPasses, bytesRead, reading.Elapsed.TotalSeconds);
    }

    private static double UnixNowMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    private static long ReadAll(Microsoft.Win32.SafeHandles.SafeFileHandle handle, byte[] buffer)
    {
        // The buffer is one byte longer than expected, so a file that is too long shows as such.
        var offset = 0;
        int read;
        while (offset < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(offset), offset)) > 0)
            offset += read;
        return offset;
    }
}
