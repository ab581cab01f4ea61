using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Cedar.Values;

namespace Cedar.Extensions;

/// <summary>A Cedar <c>datetime</c>: milliseconds since the Unix epoch (UTC, no leap seconds).</summary>
public sealed class DatetimeValue : ExtensionValue
{
    public const string ExtensionTypeName = "datetime";
    public const string Constructor = "datetime";

    private const long MillisecondsPerDay = 86_400_000;

    private readonly string? _text;

    private DatetimeValue(long epochMilliseconds, string? text)
    {
        EpochMilliseconds = epochMilliseconds;
        _text = text;
    }

    public long EpochMilliseconds { get; }

    public override string ExtensionName => ExtensionTypeName;

    public override string ConstructorName => Constructor;

    /// <summary>
    /// The literal text for a parsed value; for a computed one <c>YYYY-MM-DDThh:mm:ss.SSSZ</c>, which re-parses to an
    /// equal value when the year is within 0000–9999 (Cedar itself writes computed values as
    /// <see cref="ToCedarExpression"/>).
    /// </summary>
    public override string ConstructorArgument => _text ?? ToCanonicalString();

    /// <summary>The literal text this value was parsed from, or null for a computed value.</summary>
    public string? LiteralText => _text;

    public static DatetimeValue FromEpochMilliseconds(long epochMilliseconds) => new(epochMilliseconds, null);

    public static bool TryParse(string text, [NotNullWhen(true)] out DatetimeValue? value) => TryParse(text, out value, out _);

    /// <summary>
    /// Parses <c>YYYY-MM-DD</c>, optionally followed by <c>Thh:mm:ss</c>, optional <c>.SSS</c> and then <c>Z</c> or
    /// <c>(+|-)hhmm</c>. Shape errors are reported before value errors (date, then time, then offset), as Cedar does.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out DatetimeValue? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        var s = text.AsSpan();
        if (!(s.Length >= 10 && AllDigits(s[..4]) && s[4] == '-' && AllDigits(s.Slice(5, 2)) && s[7] == '-' && AllDigits(s.Slice(8, 2))))
        {
            error = "invalid date pattern";
            return false;
        }

        var year = Number(s[..4]);
        var month = Number(s.Slice(5, 2));
        var day = Number(s.Slice(8, 2));
        var dateValid = month is >= 1 and <= 12 && day >= 1 && day <= DaysInMonth(year, month);
        var invalidDate = "invalid date: " + text[..10];
        if (s.Length == 10)
        {
            if (!dateValid)
            {
                error = invalidDate;
                return false;
            }

            value = new DatetimeValue(DaysFromCivil(year, month, day) * MillisecondsPerDay, text);
            error = null;
            return true;
        }

        var rest = s[10..];
        if (!(rest.Length >= 9 && rest[0] == 'T' && AllDigits(rest.Slice(1, 2)) && rest[3] == ':' && AllDigits(rest.Slice(4, 2))
              && rest[6] == ':' && AllDigits(rest.Slice(7, 2))))
        {
            error = "invalid hour/minute/second pattern";
            return false;
        }

        var hour = Number(rest.Slice(1, 2));
        var minute = Number(rest.Slice(4, 2));
        var second = Number(rest.Slice(7, 2));
        var hms = rest.Slice(1, 8).ToString();
        rest = rest[9..];

        var millisecond = 0;
        if (rest.Length >= 4 && rest[0] == '.' && AllDigits(rest.Slice(1, 3)))
        {
            millisecond = Number(rest.Slice(1, 3));
            rest = rest[4..];
        }

        bool hasOffset;
        var offsetPositive = false;
        int offsetHours = 0, offsetMinutes = 0;
        if (rest is "Z")
        {
            hasOffset = false;
        }
        else if (rest.Length == 5 && rest[0] is '+' or '-' && AllDigits(rest[1..]))
        {
            hasOffset = true;
            offsetPositive = rest[0] == '+';
            offsetHours = Number(rest.Slice(1, 2));
            offsetMinutes = Number(rest.Slice(3, 2));
        }
        else
        {
            error = "invalid millisecond and/or offset pattern";
            return false;
        }

        if (!dateValid)
        {
            error = invalidDate;
            return false;
        }

        if (hour >= 24 || minute >= 60 || second >= 60)
        {
            error = "invalid hour/minute/second: " + hms;
            return false;
        }

        if (hasOffset && (offsetHours >= 24 || offsetMinutes >= 60))
        {
            error = "invalid offset range: " + offsetHours.ToString(CultureInfo.InvariantCulture) + offsetMinutes.ToString(CultureInfo.InvariantCulture);
            return false;
        }

        var offsetSeconds = (offsetHours * 3600) + (offsetMinutes * 60);
        if (!offsetPositive)
        {
            offsetSeconds = -offsetSeconds;
        }

        var epoch = (DaysFromCivil(year, month, day) * MillisecondsPerDay)
            + (((hour * 3600L) + (minute * 60L) + second - offsetSeconds) * 1000L)
            + millisecond;
        value = new DatetimeValue(epoch, text);
        error = null;
        return true;
    }

    /// <summary>This instant moved by <paramref name="duration"/>; null when it leaves the range of a long.</summary>
    public DatetimeValue? Offset(DurationValue duration)
    {
        var sum = (Int128)EpochMilliseconds + duration.Milliseconds;
        return sum > long.MaxValue || sum < long.MinValue ? null : FromEpochMilliseconds((long)sum);
    }

    /// <summary>This instant minus <paramref name="other"/>; null on overflow.</summary>
    public DurationValue? DurationSince(DatetimeValue other)
    {
        var difference = (Int128)EpochMilliseconds - other.EpochMilliseconds;
        return difference > long.MaxValue || difference < long.MinValue ? null : DurationValue.FromMilliseconds((long)difference);
    }

    /// <summary>Midnight (UTC) of this instant's day, rounding toward negative infinity; null on overflow.</summary>
    public DatetimeValue? ToDate()
    {
        var days = FloorDays(EpochMilliseconds);
        var midnight = (Int128)days * MillisecondsPerDay;
        return midnight < long.MinValue ? null : FromEpochMilliseconds((long)midnight);
    }

    /// <summary>The time elapsed since this instant's (UTC) midnight.</summary>
    public DurationValue ToTime()
    {
        var rem = EpochMilliseconds % MillisecondsPerDay;
        return DurationValue.FromMilliseconds(rem < 0 ? rem + MillisecondsPerDay : rem);
    }

    public int CompareTo(DatetimeValue other) => EpochMilliseconds.CompareTo(other.EpochMilliseconds);

    public override bool Equals(Value? other) => other is DatetimeValue d && d.EpochMilliseconds == EpochMilliseconds;

    public override int GetHashCode() => EpochMilliseconds.GetHashCode();

    /// <summary>How Cedar writes any datetime value in messages: <c>datetime("1970-01-01").offset(duration("{n}ms"))</c>.</summary>
    public string ToCedarExpression() =>
        "datetime(\"1970-01-01\").offset(duration(\"" + EpochMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms\"))";

    /// <summary><c>YYYY-MM-DDThh:mm:ss.SSSZ</c> (a year outside 0000–9999 is written with its sign and all its digits).</summary>
    public string ToCanonicalString()
    {
        var days = FloorDays(EpochMilliseconds);
        var msOfDay = EpochMilliseconds - (days * MillisecondsPerDay);
        var (year, month, day) = CivilFromDays(days);
        var yearText = year is >= 0 and <= 9999
            ? year.ToString("D4", CultureInfo.InvariantCulture)
            : (year < 0 ? "-" : "+") + Math.Abs(year).ToString(CultureInfo.InvariantCulture);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{yearText}-{month:D2}-{day:D2}T{msOfDay / 3_600_000:D2}:{msOfDay / 60_000 % 60:D2}:{msOfDay / 1000 % 60:D2}.{msOfDay % 1000:D3}Z");
    }

    private static long FloorDays(long epochMilliseconds)
    {
        var days = epochMilliseconds / MillisecondsPerDay;
        return epochMilliseconds < 0 && epochMilliseconds % MillisecondsPerDay != 0 ? days - 1 : days;
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!TextScanning.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var n = 0;
        foreach (var c in digits)
        {
            n = (n * 10) + (c - '0');
        }

        return n;
    }

    private static bool IsLeapYear(long year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    // Proleptic Gregorian day counting (Howard Hinnant's algorithms), valid for any year.
    private static long DaysFromCivil(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - (era * 400);
        var dayOfYear = (((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5) + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146097) + dayOfEra - 719468;
    }

    private static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        days += 719468;
        var era = (days >= 0 ? days : days - 146096) / 146097;
        var dayOfEra = days - (era * 146097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36524) - (dayOfEra / 146096)) / 365;
        var year = yearOfEra + (era * 400);
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var mp = ((5 * dayOfYear) + 2) / 153;
        var day = (int)(dayOfYear - (((153 * mp) + 2) / 5) + 1);
        var month = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (month <= 2 ? year + 1 : year, month, day);
    }
}
