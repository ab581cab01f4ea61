namespace Verdict.Tokens;

/// <summary>
/// One issuer's fetched or pinned keys, with the time they were loaded and the last attempt. Loads are shared: callers
/// arriving while one is running wait for it instead of starting their own.
/// </summary>
internal sealed class KeySource(Func<Task<KeySource.LoadResult>> load)
{
    private readonly Lock _gate = new();
    private Snapshot _current = new(null, DateTimeOffset.MinValue, DateTimeOffset.MinValue, null);
    private Task<Snapshot>? _inFlight;

    internal readonly record struct LoadResult(JsonWebKeySet? Keys, string? Error);

    /// <summary>
    /// The last keys loaded (kept when a later load fails: the caller decides whether they are still fresh), when they
    /// were loaded, the last attempt and its error (null when it succeeded).
    /// </summary>
    internal sealed record Snapshot(JsonWebKeySet? Keys, DateTimeOffset LoadedAt, DateTimeOffset LastAttempt, string? LastError);

    public Snapshot Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public int LoadCount { get; private set; }

    /// <summary>Loads now, or joins the load already running. The load itself is bounded by its own timeout, not by the caller's token.</summary>
    public async Task<Snapshot> LoadAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        TaskCompletionSource<Snapshot>? owner = null;
        Task<Snapshot> shared;
        lock (_gate)
        {
            if (_inFlight is null)
            {
                owner = new TaskCompletionSource<Snapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
                _inFlight = owner.Task;
                LoadCount++;
            }

            shared = _inFlight;
        }

        if (owner is not null)
        {
            _ = RunAsync(owner, time);
        }

        return await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(TaskCompletionSource<Snapshot> owner, TimeProvider time)
    {
        var started = time.GetUtcNow();
        try
        {
            var result = await load().ConfigureAwait(false);
            Snapshot snapshot;
            lock (_gate)
            {
                snapshot = result.Keys is not null
                    ? new Snapshot(result.Keys, started, started, null)
                    : new Snapshot(_current.Keys, _current.LoadedAt, started, result.Error);
                _current = snapshot;
                _inFlight = null;
            }

            owner.SetResult(snapshot);
        }
        catch (Exception exception)
        {
            // A bug in the loader: every waiter sees it rather than hanging.
            lock (_gate)
            {
                _inFlight = null;
            }

            owner.SetException(exception);
        }
    }
}
