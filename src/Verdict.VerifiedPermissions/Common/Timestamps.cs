using System.Globalization;

namespace Verdict.VerifiedPermissions.Common;

/// <summary>AVP's <c>TimestampFormat</c> is ISO-8601 on the wire; we send UTC with microseconds, as AVP does.</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Truncates to the stored precision, so a value read back equals the value answered at creation.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
