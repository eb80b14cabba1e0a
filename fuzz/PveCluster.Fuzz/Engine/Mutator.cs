using System.Buffers.Binary;
using System.Text;

namespace PveCluster.Fuzz.Engine;

/// <summary>
/// Byte- and line-level mutations of an input, stacked 1..4 at a time: bit flips, interesting bytes
/// and integers, special tokens, deletion, duplication, truncation, splicing with another sample,
/// line shuffles, very long runs and deep nesting. Fully determined by the <see cref="Random"/> it gets.
/// </summary>
internal sealed class Mutator(Random random, Func<byte[]> otherSample)
{
    /// <summary>Inputs never grow beyond this, so one input stays well under the per-input time bound.</summary>
    public const int MaxLength = 512 * 1024;

    private static readonly byte[] InterestingBytes = [0, 0xFF, 0x7F, 0x80, (byte)'\r', (byte)'\n', (byte)' ', (byte)'{', (byte)'}', (byte)':', (byte)'#', (byte)'=', (byte)',', (byte)'/', (byte)'.', (byte)'0', (byte)'9', 0xC2, 0xA0];

    private static readonly byte[][] RunUnits = [.. new[] { "a", "0", " ", "\t", ":", "/", "{", ".", "\u00A0", "\u3000" }.Select(Encoding.UTF8.GetBytes)];

    private static readonly string[] NestingOpeners = ["a {\n", "{", "[", "{\"a\":", "x=", "/a"];

    public Random Random => random;

    public byte[] Mutate(byte[] input)
    {
        var data = new List<byte>(input);
        var count = 1 + random.Next(4);
        for (var i = 0; i < count; i++)
        {
            MutateOnce(data);
        }

        if (data.Count > MaxLength)
        {
            data.RemoveRange(MaxLength, data.Count - MaxLength);
        }

        return [.. data];
    }

    private void MutateOnce(List<byte> data)
    {
        switch (random.Next(16))
        {
            case 0 when data.Count > 0:
                data[Position(data)] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[Position(data)] = InterestingBytes[random.Next(InterestingBytes.Length)];
                break;
            case 2 when data.Count > 0:
                data[Position(data)] = (byte)random.Next(256);
                break;
            case 3:
            case 4:
                data.InsertRange(Insertion(data), SpecialInputs.Tokens[random.Next(SpecialInputs.Tokens.Length)]);
                break;
            case 5 when data.Count > 0:
                DeleteRange(data);
                break;
            case 6 when data.Count > 0:
                DuplicateRange(data);
                break;
            case 7 when data.Count > 0:
                var keep = random.Next(data.Count);
                data.RemoveRange(keep, data.Count - keep);
                break;
            case 8:
                Splice(data);
                break;
            case 9 when data.Count >= 4:
                OverwriteInteger(data);
                break;
            case 10:
            case 11:
                MutateLines(data);
                break;
            case 12 when random.Next(8) == 0:
                LongRun(data);
                break;
            case 13 when random.Next(8) == 0:
                Nest(data);
                break;
            default:
                data.InsertRange(Insertion(data), SpecialInputs.Tokens[random.Next(SpecialInputs.Tokens.Length)]);
                break;
        }
    }

    private int Position(List<byte> data) => random.Next(data.Count);

    private int Insertion(List<byte> data) => random.Next(data.Count + 1);

    private int Length(int available) => Math.Min(available, 1 + random.Next(random.Next(2) == 0 ? 8 : 256));

    private void DeleteRange(List<byte> data)
    {
        var start = Position(data);
        data.RemoveRange(start, Length(data.Count - start));
    }

    private void DuplicateRange(List<byte> data)
    {
        var start = Position(data);
        var chunk = data.GetRange(start, Length(data.Count - start));
        data.InsertRange(Insertion(data), chunk);
    }

    private void Splice(List<byte> data)
    {
        var other = otherSample();
        if (other.Length == 0)
        {
            return;
        }

        var start = random.Next(other.Length);
        var chunk = other.AsSpan(start, Length(other.Length - start)).ToArray();
        if (random.Next(2) == 0 || data.Count < chunk.Length)
        {
            data.InsertRange(Insertion(data), chunk);
        }
        else
        {
            var at = random.Next(data.Count - chunk.Length + 1);
            for (var i = 0; i < chunk.Length; i++)
            {
                data[at + i] = chunk[i];
            }
        }
    }

    private void OverwriteInteger(List<byte> data)
    {
        var value = SpecialInputs.Integers[random.Next(SpecialInputs.Integers.Length)];
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, random.Next(4) == 0 ? value - (ulong)random.Next(3) : value);
        var width = random.Next(3) switch { 0 => 2, 1 => 4, _ => Math.Min(8, data.Count) };
        width = Math.Min(width, data.Count);
        var at = random.Next(data.Count - width + 1);
        for (var i = 0; i < width; i++)
        {
            data[at + i] = bytes[i];
        }
    }

    /// <summary>Deletes, duplicates, swaps or imports whole lines, keeping the input's own line structure.</summary>
    private void MutateLines(List<byte> data)
    {
        var lines = SplitLines([.. data]);
        if (lines.Count == 0)
        {
            return;
        }

        var index = random.Next(lines.Count);
        switch (random.Next(4))
        {
            case 0:
                lines.RemoveAt(index);
                break;
            case 1:
                lines.Insert(random.Next(lines.Count + 1), lines[index]);
                break;
            case 2:
                (lines[index], lines[^1]) = (lines[^1], lines[index]);
                break;
            default:
                var other = SplitLines(otherSample());
                if (other.Count > 0)
                {
                    lines.Insert(random.Next(lines.Count + 1), other[random.Next(other.Count)]);
                }

                break;
        }

        data.Clear();
        foreach (var line in lines)
        {
            data.AddRange(line);
        }
    }

    /// <summary>Thousands of one character (a space or no-break space too), where length checks and backtracking show.</summary>
    private void LongRun(List<byte> data)
    {
        var unit = RunUnits[random.Next(RunUnits.Length)];
        var count = random.Next(1000, 70_000);
        var run = new byte[unit.Length * count];
        for (var i = 0; i < count; i++)
        {
            unit.CopyTo(run, i * unit.Length);
        }

        data.InsertRange(Insertion(data), run);
    }

    private void Nest(List<byte> data)
    {
        var opener = Encoding.UTF8.GetBytes(NestingOpeners[random.Next(NestingOpeners.Length)]);
        var depth = random.Next(8) == 0 ? random.Next(10_000, 100_000) : random.Next(10, 2000);
        depth = Math.Min(depth, MaxLength / opener.Length);
        var nested = new byte[opener.Length * depth];
        for (var i = 0; i < depth; i++)
        {
            opener.CopyTo(nested, i * opener.Length);
        }

        data.InsertRange(Insertion(data), nested);
    }

    /// <summary>Lines with their line feed kept, so joining them gives the input back.</summary>
    private static List<byte[]> SplitLines(byte[] input)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == (byte)'\n')
            {
                lines.Add(input[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < input.Length)
        {
            lines.Add(input[start..]);
        }

        return lines;
    }
}
