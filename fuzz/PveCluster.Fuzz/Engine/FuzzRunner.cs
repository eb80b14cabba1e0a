using System.Diagnostics;
using System.Text;

namespace PveCluster.Fuzz.Engine;

/// <summary>
/// Feeds one target its samples unchanged, then mutated and generated inputs, and sorts every outcome
/// into accepted, rejected (the target's own error) and findings. Single-threaded and seeded, so a
/// seed replays exactly the same inputs.
/// </summary>
internal sealed class FuzzRunner(FuzzOptions options, Action<TargetReport>? progress = null)
{
    private const int MaxCorpus = 512;

    /// <summary>A starved process (nice 19 on a busy machine) may wait this much longer than its CPU bound before the watchdog calls it stuck.</summary>
    private const int WallClockSlack = 30;

    private readonly Lock _gate = new();
    private long _inputStarted;
    private TimeSpan _inputCpuStarted;
    private byte[] _currentInput = [];
    private long _currentIteration;
    private string _currentTarget = "";
    private bool _currentIsText;

    /// <summary>The input running right now when it has run longer than the per-input bound (for a watchdog), else null.</summary>
    public Finding? Stuck()
    {
        lock (_gate)
        {
            if (_inputStarted == 0)
            {
                return null;
            }

            var cpu = Environment.CpuUsage.TotalTime - _inputCpuStarted;
            var wall = Stopwatch.GetElapsedTime(_inputStarted);
            var bound = options.EffectiveInputTimeLimit;
            return cpu <= bound && wall <= bound * WallClockSlack
                ? null
                : new Finding(_currentTarget, FindingKind.Hang, _currentIteration, _currentInput, _currentIsText,
                    $"still running after {cpu.TotalSeconds:F1} s of CPU, {wall.TotalSeconds:F1} s of wall time (bound {bound.TotalSeconds:F1} s of CPU)");
        }
    }

    public TargetReport Run(FuzzTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var report = new TargetReport(target.Name);
        var random = new Random(SeedFor(target.Name));
        var corpus = new List<byte[]>(target.Samples);
        var mutator = new Mutator(random, () => corpus[random.Next(corpus.Count)]);
        WarmUp(target);
        var started = Stopwatch.GetTimestamp();
        var reported = started;
        for (long iteration = 0; iteration < options.Iterations; iteration++)
        {
            if (progress is not null && options.ProgressInterval is { } interval && (iteration & 1023) == 0
                && Stopwatch.GetElapsedTime(reported) > interval)
            {
                reported = Stopwatch.GetTimestamp();
                report.Elapsed = Stopwatch.GetElapsedTime(started);
                progress(report);
            }

            if (cancellationToken.IsCancellationRequested
                || (options.TimeLimit is { } limit && (iteration & 63) == 0 && Stopwatch.GetElapsedTime(started) > limit))
            {
                break;
            }

            var input = iteration < target.Samples.Count ? target.Samples[(int)iteration] : NextInput(target, random, mutator, corpus);
            // Drawn before the outcome is known, so a slow machine (a hang finding) cannot change the inputs that follow.
            var keep = random.Next(64) == 0;
            if (RunOne(target, iteration, input, report) && keep)
            {
                // Accepted variants widen what later mutations start from (bounded, replaced at random).
                if (corpus.Count < MaxCorpus)
                {
                    corpus.Add(input);
                }
                else
                {
                    corpus[target.Samples.Count + random.Next(MaxCorpus - target.Samples.Count)] = input;
                }
            }
        }

        report.Elapsed = Stopwatch.GetElapsedTime(started);
        return report;
    }

    /// <summary>Runs the samples once untimed, so compiling the target's code is not mistaken for a slow input.</summary>
    private static void WarmUp(FuzzTarget target)
    {
        foreach (var sample in target.Samples)
        {
            try
            {
                target.Run(sample);
            }
#pragma warning disable CA1031 // the samples run again, timed and judged, as the first inputs
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private static byte[] NextInput(FuzzTarget target, Random random, Mutator mutator, List<byte[]> corpus)
    {
        if (random.Next(5) == 0 && target.Generate(random, mutator) is { } generated)
        {
            return random.Next(2) == 0 ? generated : mutator.Mutate(generated);
        }

        return mutator.Mutate(corpus[random.Next(corpus.Count)]);
    }

    /// <summary>Runs one input; true when it was accepted.</summary>
    private bool RunOne(FuzzTarget target, long iteration, byte[] input, TargetReport report)
    {
        lock (_gate)
        {
            _currentTarget = target.Name;
            _currentIteration = iteration;
            _currentInput = input;
            _currentIsText = target.IsText;
            _inputCpuStarted = Environment.CpuUsage.TotalTime;
            _inputStarted = Stopwatch.GetTimestamp();
        }

        var accepted = false;
        Finding? finding = null;
        try
        {
            accepted = target.Run(input);
            if (!accepted)
            {
                report.Rejected++;
            }
        }
        catch (InvariantViolatedException e)
        {
            finding = new Finding(target.Name, FindingKind.InvariantViolated, iteration, input, target.IsText, e.Message);
        }
        catch (Exception e) when (target.IsRejection(e))
        {
            report.Rejected++;
        }
#pragma warning disable CA1031 // every other exception is exactly what the fuzzer is looking for
        catch (Exception e)
#pragma warning restore CA1031
        {
            finding = new Finding(target.Name, FindingKind.WrongException, iteration, input, target.IsText, Summarize(e));
        }

        // CPU time, not wall time: on a machine shared with other work a starved process must not report hangs.
        TimeSpan elapsed;
        lock (_gate)
        {
            elapsed = Environment.CpuUsage.TotalTime - _inputCpuStarted;
            _inputStarted = 0;
        }

        report.Inputs++;
        report.SlowestInput = elapsed > report.SlowestInput ? elapsed : report.SlowestInput;
        if (accepted)
        {
            report.Accepted++;
        }

        if (finding is null && elapsed > options.EffectiveInputTimeLimit)
        {
            finding = new Finding(target.Name, FindingKind.Hang, iteration, input, target.IsText,
                $"took {elapsed.TotalSeconds:F1} s of CPU (bound {options.EffectiveInputTimeLimit.TotalSeconds:F1} s)");
        }

        if (finding is not null)
        {
            report.Add(finding, options.MaxFindingsShown);
        }

        return accepted && finding is null;
    }

    /// <summary>Type, message and the frame that threw, which is what tells two findings apart.</summary>
    private static string Summarize(Exception exception)
    {
        var frame = exception.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "";
        var message = exception.Message.Length > 300 ? exception.Message[..300] + "..." : exception.Message;
        return $"{exception.GetType().FullName}: {message} [{frame}]";
    }

    /// <summary>A per-target seed that does not depend on string hashing (which .NET randomizes per process).</summary>
    private int SeedFor(string targetName)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(targetName))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash ^ (uint)options.Seed);
    }
}
