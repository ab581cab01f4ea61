using Cedar.Values;

namespace Cedar.Extensions;

/// <summary>
/// The ordering behind Cedar's <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>: longs, and the extension types that
/// overload the operators (datetime and duration), each only against its own type. <c>decimal</c> and <c>ipaddr</c>
/// are not ordered by the operators (decimal has methods instead).
/// </summary>
public static class ExtensionOrdering
{
    /// <summary>Compares <paramref name="a"/> and <paramref name="b"/>; false when the operators reject the pair.</summary>
    public static bool TryCompare(Value a, Value b, out int comparison)
    {
        switch (a, b)
        {
            case (LongValue x, LongValue y):
                comparison = x.Value.CompareTo(y.Value);
                return true;
            case (DatetimeValue x, DatetimeValue y):
                comparison = x.CompareTo(y);
                return true;
            case (DurationValue x, DurationValue y):
                comparison = x.Milliseconds.CompareTo(y.Milliseconds);
                return true;
            default:
                comparison = 0;
                return false;
        }
    }

    /// <summary>True for the extension types whose values the comparison operators accept.</summary>
    public static bool SupportsOperatorOverloading(Value v) => v is DatetimeValue or DurationValue;

    /// <summary>
    /// Cedar's message when <see cref="TryCompare"/> rejects a pair, e.g. <c>type error: expected long, got string</c>
    /// or <c>type error: expected one of [long, datetime, duration], got decimal</c>.
    /// </summary>
    public static string ComparisonTypeErrorMessage(Value left, Value right)
    {
        string expected;
        Value actual;
        if (left is LongValue)
        {
            (expected, actual) = ("long", right);
        }
        else if (right is LongValue)
        {
            (expected, actual) = ("long", left);
        }
        else if (left is ExtensionValue l && SupportsOperatorOverloading(left))
        {
            (expected, actual) = (l.ExtensionName, right);
        }
        else if (right is ExtensionValue r && SupportsOperatorOverloading(right))
        {
            (expected, actual) = (r.ExtensionName, left);
        }
        else
        {
            (expected, actual) = ("one of [long, datetime, duration]", left);
        }

        return "type error: expected " + expected + ", got " + actual.TypeName;
    }
}
