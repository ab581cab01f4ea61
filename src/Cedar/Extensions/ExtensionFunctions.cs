using System.Diagnostics.CodeAnalysis;
using Cedar.Evaluation;
using Cedar.Values;

namespace Cedar.Extensions;

/// <summary>
/// Every extension function of Cedar 4.5 (ipaddr, decimal, datetime, duration), by name. Functions check their
/// argument types and report failures as <see cref="EvaluationError"/> values worded like Cedar's.
/// </summary>
public static class ExtensionFunctions
{
    private static readonly Dictionary<string, ExtensionFunction> s_byName = Build();

    public static IEnumerable<ExtensionFunction> All => s_byName.Values;

    public static bool TryGet(string name, [NotNullWhen(true)] out ExtensionFunction? function) =>
        s_byName.TryGetValue(name, out function);

    /// <summary>Whether <paramref name="name"/> is one of the four constructors (<c>ip</c>, <c>decimal</c>, <c>datetime</c>, <c>duration</c>).</summary>
    public static bool IsConstructorName(string name) => s_byName.TryGetValue(name, out var f) && f.IsConstructor;

    /// <summary>
    /// Builds a value from a constructor name and its string argument (as in JSON <c>__extn</c>); on failure
    /// <paramref name="error"/> is Cedar's full message (e.g. for an unknown constructor or a bad literal).
    /// </summary>
    public static bool TryConstruct(string constructorName, string argument, [NotNullWhen(true)] out ExtensionValue? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        string? detail;
        string reportingName;
        switch (constructorName)
        {
            case IpAddrValue.Constructor:
                reportingName = IpAddrValue.ExtensionTypeName;
                if (IpAddrValue.TryParse(argument, out var ip, out detail))
                {
                    value = ip;
                }

                break;
            case DecimalValue.Constructor:
                reportingName = DecimalValue.ExtensionTypeName;
                if (DecimalValue.TryParse(argument, out var dec, out detail))
                {
                    value = dec;
                }

                break;
            case DatetimeValue.Constructor:
                reportingName = DatetimeValue.ExtensionTypeName;
                if (DatetimeValue.TryParse(argument, out var dt, out detail))
                {
                    value = dt;
                }

                break;
            case DurationValue.Constructor:
                reportingName = DurationValue.ExtensionTypeName;
                if (DurationValue.TryParse(argument, out var du, out detail))
                {
                    value = du;
                }

                break;
            default:
                error = "extension function `" + constructorName + "` does not exist";
                return false;
        }

        if (value is not null)
        {
            error = null;
            return true;
        }

        error = ExtensionErrors.Failed(reportingName, detail!).Message;
        return false;
    }

    private static Dictionary<string, ExtensionFunction> Build()
    {
        ExtensionFunction[] functions =
        [
            Constructor(IpAddrValue.Constructor, IpAddrValue.ExtensionTypeName, s => IpAddrValue.TryParse(s, out var v, out var e) ? (v, e) : (null, e)),
            Unary<IpAddrValue>("isIpv4", IpAddrValue.ExtensionTypeName, ip => Value.Bool(ip.IsIpv4)),
            Unary<IpAddrValue>("isIpv6", IpAddrValue.ExtensionTypeName, ip => Value.Bool(ip.IsIpv6)),
            Unary<IpAddrValue>("isLoopback", IpAddrValue.ExtensionTypeName, ip => Value.Bool(ip.IsLoopback)),
            Unary<IpAddrValue>("isMulticast", IpAddrValue.ExtensionTypeName, ip => Value.Bool(ip.IsMulticast)),
            Binary<IpAddrValue, IpAddrValue>("isInRange", IpAddrValue.ExtensionTypeName, IpAddrValue.ExtensionTypeName, (a, b) => Value.Bool(a.IsInRange(b))),

            Constructor(DecimalValue.Constructor, DecimalValue.ExtensionTypeName, s => DecimalValue.TryParse(s, out var v, out var e) ? (v, e) : (null, e)),
            DecimalComparison("lessThan", c => c < 0),
            DecimalComparison("lessThanOrEqual", c => c <= 0),
            DecimalComparison("greaterThan", c => c > 0),
            DecimalComparison("greaterThanOrEqual", c => c >= 0),

            Constructor(DatetimeValue.Constructor, DatetimeValue.ExtensionTypeName, s => DatetimeValue.TryParse(s, out var v, out var e) ? (v, e) : (null, e)),
            Constructor(DurationValue.Constructor, DurationValue.ExtensionTypeName, s => DurationValue.TryParse(s, out var v, out var e) ? (v, e) : (null, e)),
            Binary<DatetimeValue, DurationValue>("offset", DatetimeValue.ExtensionTypeName, DurationValue.ExtensionTypeName, (d, du) =>
                d.Offset(du) is { } moved
                    ? moved
                    : ExtensionErrors.Failed("offset", "overflows when adding an offset: " + d.ToCedarExpression() + "+(" + du.ToCanonicalString() + ")")),
            Binary<DatetimeValue, DatetimeValue>("durationSince", DatetimeValue.ExtensionTypeName, DatetimeValue.ExtensionTypeName, (a, b) =>
                a.DurationSince(b) is { } since
                    ? since
                    : ExtensionErrors.Failed("durationSince", "overflows when computing the duration between " + a.ToCedarExpression() + " and " + b.ToCedarExpression())),
            Unary<DatetimeValue>("toDate", DatetimeValue.ExtensionTypeName, d =>
                d.ToDate() is { } date
                    ? date
                    : ExtensionErrors.Failed("toDate", "overflows when computing the date of " + d.ToCedarExpression())),
            Unary<DatetimeValue>("toTime", DatetimeValue.ExtensionTypeName, d => d.ToTime()),
            Unary<DurationValue>("toMilliseconds", DurationValue.ExtensionTypeName, d => Value.Long(d.Milliseconds)),
            Unary<DurationValue>("toSeconds", DurationValue.ExtensionTypeName, d => Value.Long(d.ToSeconds())),
            Unary<DurationValue>("toMinutes", DurationValue.ExtensionTypeName, d => Value.Long(d.ToMinutes())),
            Unary<DurationValue>("toHours", DurationValue.ExtensionTypeName, d => Value.Long(d.ToHours())),
            Unary<DurationValue>("toDays", DurationValue.ExtensionTypeName, d => Value.Long(d.ToDays())),
        ];
        return functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    private static ExtensionFunction Constructor(string name, string reportingName, Func<string, (ExtensionValue? Value, string? Error)> parse) =>
        new(name, 1, isConstructor: true, args =>
        {
            if (args[0] is not StringValue s)
            {
                return ExtensionErrors.TypeError("string", args[0]);
            }

            var (value, error) = parse(s.Value);
            return value is not null ? value : ExtensionErrors.Failed(reportingName, error ?? "invalid literal");
        });

    private static ExtensionFunction Unary<T>(string name, string typeName, Func<T, EvalResult> apply)
        where T : ExtensionValue =>
        new(name, 1, isConstructor: false, args => args[0] is T receiver ? apply(receiver) : ExtensionErrors.TypeError(typeName, args[0]));

    private static ExtensionFunction Binary<T1, T2>(string name, string typeName1, string typeName2, Func<T1, T2, EvalResult> apply)
        where T1 : ExtensionValue
        where T2 : ExtensionValue =>
        new(name, 2, isConstructor: false, args =>
        {
            if (args[0] is not T1 first)
            {
                return ExtensionErrors.TypeError(typeName1, args[0]);
            }

            return args[1] is T2 second ? apply(first, second) : ExtensionErrors.TypeError(typeName2, args[1]);
        });

    private static ExtensionFunction DecimalComparison(string name, Func<int, bool> test) =>
        Binary<DecimalValue, DecimalValue>(name, DecimalValue.ExtensionTypeName, DecimalValue.ExtensionTypeName, (a, b) => Value.Bool(test(a.CompareTo(b))));
}
