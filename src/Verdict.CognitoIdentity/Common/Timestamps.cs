namespace Verdict.CognitoIdentity.Common;

/// <summary>Cognito Identity's <c>DateType</c> has no timestamp format, so it travels as epoch seconds (a JSON number).</summary>
internal static class Timestamps
{
    public static double ToEpochSeconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds() / 1000.0;

    public static long ToMicros(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
}
