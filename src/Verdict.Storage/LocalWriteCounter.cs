namespace Verdict.Storage;

/// <summary>
/// Counts the writes this process has committed to a database that no other process writes. A reader that takes
/// <see cref="Current"/> before it reads may reuse what it read for as long as the count has not moved: every write
/// that could change it is counted once it has committed, before its caller hears of it.
/// </summary>
public sealed class LocalWriteCounter
{
    private long _count;

    public long Current => Volatile.Read(ref _count);

    /// <summary>Called after each committed write transaction.</summary>
    public void Advance() => Interlocked.Increment(ref _count);
}
