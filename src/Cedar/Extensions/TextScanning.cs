using System.Text;

namespace Cedar.Extensions;

/// <summary>Small scanning helpers shared by the literal grammars (which are all ASCII except where Cedar's regexes are Unicode-aware).</summary>
internal static class TextScanning
{
    public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

    public static int Utf8Length(string s) => Encoding.UTF8.GetByteCount(s);

    /// <summary>
    /// Parses a non-empty run of ASCII digits (leading zeros allowed, any length) as Rust's <c>u64::from_str</c> would;
    /// false when it does not fit in 64 bits.
    /// </summary>
    public static bool TryParseUInt64(ReadOnlySpan<char> digits, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!IsAsciiDigit(c))
            {
                return false;
            }

            var digit = (ulong)(c - '0');
            if (value > (ulong.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
