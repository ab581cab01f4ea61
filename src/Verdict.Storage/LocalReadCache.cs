using System.Collections.Concurrent;

namespace Verdict.Storage;

/// <summary>
/// Caches reads of records that exist, keyed by what names them, for a storage whose writes this process alone makes
/// (<see cref="IVerdictStorage.LocalWrites"/>). An entry is reused only while no write has committed since it was
/// read, so a read through the cache sees every acknowledged write, exactly as a read of the database would. Without
/// a write counter (a database shared by several processes) every read goes to the database. Absent records are not
/// cached, so the cache holds at most one entry per existing record.
/// </summary>
public sealed class LocalReadCache<TKey, TValue>(LocalWriteCounter? writes)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, (long Generation, TValue Value)> _entries = new();

    public async ValueTask<TValue?> GetAsync<TState>(
        TKey key, TState state, Func<TState, TKey, CancellationToken, ValueTask<TValue?>> read, CancellationToken cancellationToken)
    {
        if (writes is null)
        {
            return await read(state, key, cancellationToken).ConfigureAwait(false);
        }

        // Taken before the read: a write that commits during the read moves the count, so its entry is never reused.
        var generation = writes.Current;
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == generation)
        {
            return entry.Value;
        }

        var value = await read(state, key, cancellationToken).ConfigureAwait(false);
        if (value is null)
        {
            _entries.TryRemove(key, out _);
        }
        else
        {
            _entries[key] = (generation, value);
        }

        return value;
    }
}
