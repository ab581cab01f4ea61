namespace Verdict.Storage;

/// <summary>Instants are stored as microseconds since the Unix epoch (UTC), by every backend: the precision AVP shows in its timestamps.</summary>
public static class StorageTime
{
    public static long ToMicros(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicros(long micros) => new(DateTimeOffset.UnixEpoch.UtcTicks + (micros * 10), TimeSpan.Zero);
}
