using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Cedar.Values;

namespace Cedar.Extensions;

/// <summary>A Cedar <c>duration</c>: a signed number of milliseconds.</summary>
public sealed class DurationValue : ExtensionValue
{
    public const string ExtensionTypeName = "duration";
    public const string Constructor = "duration";

    private const long MillisecondsPerSecond = 1000;
    private const long MillisecondsPerMinute = 60 * MillisecondsPerSecond;
    private const long MillisecondsPerHour = 60 * MillisecondsPerMinute;
    private const long MillisecondsPerDay = 24 * MillisecondsPerHour;

    private static readonly (string Unit, long Milliseconds)[] s_units =
    [
        ("d", MillisecondsPerDay),
        ("h", MillisecondsPerHour),
        ("m", MillisecondsPerMinute),
        ("s", MillisecondsPerSecond),
        ("ms", 1),
    ];

    private readonly string? _text;

    private DurationValue(long milliseconds, string? text)
    {
        Milliseconds = milliseconds;
        _text = text;
    }

    public long Milliseconds { get; }

    public override string ExtensionName => ExtensionTypeName;

    public override string ConstructorName => Constructor;

    /// <summary>The literal text for a parsed value; for a computed one Cedar's own form, <c>{n}ms</c>.</summary>
    public override string ConstructorArgument => _text ?? ToCanonicalString();

    public static DurationValue FromMilliseconds(long milliseconds) => new(milliseconds, null);

    public static bool TryParse(string text, [NotNullWhen(true)] out DurationValue? value) => TryParse(text, out value, out _);

    /// <summary>
    /// Parses <c>-?(N d)?(N h)?(N m)?(N s)?(N ms)?</c> (ASCII digits, units in that order, at least one);
    /// a quantity beyond 64 bits or a total beyond the range of a long is an overflow.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out DurationValue? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        const string invalid = "invalid duration pattern";
        const string overflow = "Duration overflows internal representation";
        if (text.Length == 0 || text == "-")
        {
            error = invalid;
            return false;
        }

        var negative = text[0] == '-';
        var pos = negative ? 1 : 0;
        var nextUnit = 0;
        Int128 total = 0;
        var overflowed = false;
        while (pos < text.Length)
        {
            var digitsStart = pos;
            while (pos < text.Length && TextScanning.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            if (pos == digitsStart || pos == text.Length)
            {
                error = invalid;
                return false;
            }

            var unit = text[pos] switch
            {
                'd' => 0,
                'h' => 1,
                'm' => pos + 1 < text.Length && text[pos + 1] == 's' ? 4 : 2,
                's' => 3,
                _ => -1,
            };
            if (unit < nextUnit)
            {
                error = invalid;
                return false;
            }

            var digits = text.AsSpan(digitsStart, pos - digitsStart);
            pos += s_units[unit].Unit.Length;
            nextUnit = unit + 1;
            if (!TextScanning.TryParseUInt64(digits, out var quantity))
            {
                overflowed = true;
                continue;
            }

            total += (Int128)quantity * s_units[unit].Milliseconds;
        }

        // All terms share the sign, so the total overflows exactly when some step of Cedar's checked sum would.
        var signed = negative ? -total : total;
        if (overflowed || signed > long.MaxValue || signed < long.MinValue)
        {
            error = overflow;
            return false;
        }

        value = new DurationValue((long)signed, text);
        error = null;
        return true;
    }

    public long ToDays() => ToHours() / 24;

    public long ToHours() => ToMinutes() / 60;

    public long ToMinutes() => ToSeconds() / 60;

    public long ToSeconds() => Milliseconds / 1000;

    public override bool Equals(Value? other) => other is DurationValue d && d.Milliseconds == Milliseconds;

    public override int GetHashCode() => Milliseconds.GetHashCode();

    /// <summary>Cedar's display form, <c>{n}ms</c>.</summary>
    public string ToCanonicalString() => Milliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
}
