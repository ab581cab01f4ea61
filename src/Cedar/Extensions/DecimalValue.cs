using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Cedar.Values;

namespace Cedar.Extensions;

/// <summary>A Cedar <c>decimal</c>: a signed 64-bit integer counting ten-thousandths.</summary>
public sealed class DecimalValue : ExtensionValue
{
    public const string ExtensionTypeName = "decimal";
    public const string Constructor = "decimal";
    public const int FractionDigits = 4;

    private const long Scale = 10_000;

    private readonly string? _text;

    private DecimalValue(long scaled, string? text)
    {
        ScaledValue = scaled;
        _text = text;
    }

    /// <summary>The value times 10^4.</summary>
    public long ScaledValue { get; }

    public override string ExtensionName => ExtensionTypeName;

    public override string ConstructorName => Constructor;

    /// <summary>The text the value was built from (Cedar keeps it), or the canonical text for a value built from a number.</summary>
    public override string ConstructorArgument => _text ?? ToCanonicalString();

    public static DecimalValue FromScaled(long scaled) => new(scaled, null);

    public static bool TryParse(string text, [NotNullWhen(true)] out DecimalValue? value) => TryParse(text, out value, out _);

    /// <summary>
    /// Parses <c>-?\d+\.\d+</c> as Cedar does: <c>\d</c> is any Unicode decimal digit for the shape check, but only
    /// ASCII digits convert (others report overflow, like Rust's integer parse failing); at most four fraction digits
    /// counted in UTF-8 bytes; the result must fit in 64 bits once scaled.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out DecimalValue? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var negative = text.StartsWith('-');
        var intStart = negative ? 1 : 0;
        if (dot < 0 || !IsUnicodeDigits(text.AsSpan(intStart, dot - intStart)) || !IsUnicodeDigits(text.AsSpan(dot + 1)))
        {
            error = "`" + text + "` is not a well-formed decimal value";
            return false;
        }

        const string overflow = "overflow when converting to decimal";
        if (!TextScanning.TryParseUInt64(text.AsSpan(intStart, dot - intStart), out var intMagnitude)
            || intMagnitude > (negative ? 1UL << 63 : long.MaxValue))
        {
            error = overflow;
            return false;
        }

        // Int128 holds any 64-bit magnitude times 10^4, so the scaled checks below are exact.
        var integral = (Int128)intMagnitude * Scale;
        if (negative ? -integral < long.MinValue : integral > long.MaxValue)
        {
            error = overflow;
            return false;
        }

        var fraction = text.AsSpan(dot + 1);
        if (TextScanning.Utf8Length(fraction.ToString()) > FractionDigits)
        {
            error = "too many digits after the decimal in `" + text + "`";
            return false;
        }

        if (!TextScanning.TryParseUInt64(fraction, out var fractionValue))
        {
            error = overflow;
            return false;
        }

        for (var i = fraction.Length; i < FractionDigits; i++)
        {
            fractionValue *= 10;
        }

        var magnitude = integral + fractionValue;
        var scaled = negative ? -magnitude : magnitude;
        if (scaled < long.MinValue || scaled > long.MaxValue)
        {
            error = overflow;
            return false;
        }

        value = new DecimalValue((long)scaled, text);
        error = null;
        return true;
    }

    public int CompareTo(DecimalValue other) => ScaledValue.CompareTo(other.ScaledValue);

    public override bool Equals(Value? other) => other is DecimalValue d && d.ScaledValue == ScaledValue;

    public override int GetHashCode() => ScaledValue.GetHashCode();

    /// <summary>Four fraction digits, e.g. <c>-0.5000</c>; re-parses to an equal value.</summary>
    public string ToCanonicalString()
    {
        var magnitude = ScaledValue < 0 ? -(Int128)ScaledValue : ScaledValue;
        var sb = new StringBuilder();
        if (ScaledValue < 0)
        {
            sb.Append('-');
        }

        sb.Append((magnitude / Scale).ToString(CultureInfo.InvariantCulture));
        sb.Append('.');
        sb.Append((magnitude % Scale).ToString("D4", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static bool IsUnicodeDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var rune in s.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.DecimalDigitNumber)
            {
                return false;
            }
        }

        // A lone surrogate enumerates as U+FFFD, which is not a digit, so invalid UTF-16 is rejected above.
        return true;
    }
}
