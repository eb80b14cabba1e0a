using System.Text;

namespace PveCluster.Fuzz.Engine;

/// <summary>Byte sequences that have broken parsers before: line ends, NUL, Unicode look-alikes, broken UTF-8, numbers at type limits.</summary>
internal static class SpecialInputs
{
    public static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "\r", "\n", "\r\n", "\0", "\t", "\v", "\f", " ", "\u00A0", "\uFFFD", "\uFEFF", "\u2028", "\u0085", "\u200B", "\u3000",
            "{", "}", ":", "#", "=", ",", "/", "//", ".", "..", "/../", "%", "[", "]", "\"", "\\", "'", "-", "--", "&", "?", ";",
            "-1", "0", "00", "1", "255", "256", "65535", "65536", "2147483647", "2147483648", "4294967295", "4294967296",
            "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
            "99999999999999999999999999999999", "1e308", "-0", "0x10", "NaN", "true", "null", "priority=", "address=",
        }.Select(Encoding.UTF8.GetBytes),
        // Not UTF-8: a lone lead byte, 0xFF, an encoded surrogate, an overlong slash.
        [0xC3], [0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80],
    ];

    /// <summary>Integers at the edges of the widths binary formats use.</summary>
    public static readonly ulong[] Integers =
    [
        0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
        0x100000000, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, ulong.MaxValue,
    ];
}
