namespace Verdict.Storage;

/// <summary>
/// Durable storage for every service. An acknowledged write is on disk before the method returns, and is visible to
/// the very next call. Expected outcomes (not found, conflicts, quotas) are statuses or nulls; only infrastructure
/// failures throw.
/// </summary>
public interface IVerdictStorage
{
    /// <summary>Opens or creates the database and applies pending migrations.</summary>
    ValueTask InitializeAsync(CancellationToken cancellationToken);

    IPolicyStoreRepository PolicyStores { get; }

    IPolicyRepository Policies { get; }

    IIdentitySourceRepository IdentitySources { get; }

    /// <summary>
    /// The count of this process's committed writes when it is the database's only writer, so reads may be cached
    /// against it (<see cref="LocalReadCache{TKey, TValue}"/>); null when other processes may write too.
    /// </summary>
    LocalWriteCounter? LocalWrites { get; }
}
