namespace Verdict.Storage.Postgres;

/// <summary>Instants are stored as microseconds since the Unix epoch (UTC), as in the SQLite backend: the precision AVP shows in its timestamps.</summary>
internal static class PostgresTime
{
    public static long ToMicros(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicros(long micros) => new(DateTimeOffset.UnixEpoch.UtcTicks + (micros * 10), TimeSpan.Zero);
}
