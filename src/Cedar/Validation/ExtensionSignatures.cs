namespace Cedar.Validation;

/// <summary>The type signature of an extension function, as Cedar's validator knows it.</summary>
internal sealed record ExtensionSignature(string Name, IReadOnlyList<CedarType> Arguments, CedarType Returns, bool IsConstructor);

/// <summary>Signatures of the Cedar 4.5 extension functions (ipaddr, decimal, datetime, duration).</summary>
internal static class ExtensionSignatures
{
    private static readonly CedarType s_ip = CedarType.Extension("ipaddr");
    private static readonly CedarType s_decimal = CedarType.Extension("decimal");
    private static readonly CedarType s_datetime = CedarType.Extension("datetime");
    private static readonly CedarType s_duration = CedarType.Extension("duration");

    private static readonly Dictionary<string, ExtensionSignature> s_byName = new ExtensionSignature[]
    {
        new("ip", [CedarType.String], s_ip, true),
        new("isIpv4", [s_ip], CedarType.Bool, false),
        new("isIpv6", [s_ip], CedarType.Bool, false),
        new("isLoopback", [s_ip], CedarType.Bool, false),
        new("isMulticast", [s_ip], CedarType.Bool, false),
        new("isInRange", [s_ip, s_ip], CedarType.Bool, false),
        new("decimal", [CedarType.String], s_decimal, true),
        new("lessThan", [s_decimal, s_decimal], CedarType.Bool, false),
        new("lessThanOrEqual", [s_decimal, s_decimal], CedarType.Bool, false),
        new("greaterThan", [s_decimal, s_decimal], CedarType.Bool, false),
        new("greaterThanOrEqual", [s_decimal, s_decimal], CedarType.Bool, false),
        new("datetime", [CedarType.String], s_datetime, true),
        new("duration", [CedarType.String], s_duration, true),
        new("offset", [s_datetime, s_duration], s_datetime, false),
        new("durationSince", [s_datetime, s_datetime], s_duration, false),
        new("toDate", [s_datetime], s_datetime, false),
        new("toTime", [s_datetime], s_duration, false),
        new("toMilliseconds", [s_duration], CedarType.Long, false),
        new("toSeconds", [s_duration], CedarType.Long, false),
        new("toMinutes", [s_duration], CedarType.Long, false),
        new("toHours", [s_duration], CedarType.Long, false),
        new("toDays", [s_duration], CedarType.Long, false),
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>Extension types that support <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> and <c>&gt;=</c>.</summary>
    public static readonly IReadOnlyList<CedarType> ComparableExtensionTypes = [s_datetime, s_duration];

    public static ExtensionSignature? Find(string name) => s_byName.GetValueOrDefault(name);
}
