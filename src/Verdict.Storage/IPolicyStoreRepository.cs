namespace Verdict.Storage;

/// <summary>Policy stores, their tags and their aliases.</summary>
public interface IPolicyStoreRepository
{
    /// <summary>
    /// Creates a store with its tags, unless the tenant already has <paramref name="maxPolicyStores"/> (QuotaExceeded).
    /// <paramref name="renderResponse"/> renders the response recorded under the client token.
    /// </summary>
    ValueTask<IdempotentCreateResult> CreateAsync(
        Tenant tenant, NewPolicyStore store, int maxPolicyStores, IdempotencyKey? idempotencyKey, Func<PolicyStoreRecord, string> renderResponse,
        CancellationToken cancellationToken);

    ValueTask<PolicyStoreRecord?> GetAsync(Tenant tenant, string policyStoreId, CancellationToken cancellationToken);

    /// <summary>Stores in creation order, starting after <paramref name="afterPosition"/>.</summary>
    ValueTask<Page<PolicyStoreRecord>> ListAsync(Tenant tenant, long? afterPosition, int limit, CancellationToken cancellationToken);

    /// <summary>Returns the updated store, or null when it does not exist.</summary>
    ValueTask<PolicyStoreRecord?> UpdateAsync(Tenant tenant, string policyStoreId, PolicyStoreUpdate update, CancellationToken cancellationToken);

    /// <summary>Deletes a store with everything it owns; its aliases enter PendingDeletion.</summary>
    ValueTask<DeletePolicyStoreStatus> DeleteAsync(Tenant tenant, string policyStoreId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The store's tags, or null when the store does not exist.</summary>
    ValueTask<IReadOnlyDictionary<string, string>?> GetTagsAsync(Tenant tenant, string policyStoreId, CancellationToken cancellationToken);

    /// <summary>Adds or overwrites tags, unless the result would hold more than <paramref name="maxTags"/>.</summary>
    ValueTask<TagStatus> TagAsync(Tenant tenant, string policyStoreId, IReadOnlyDictionary<string, string> tags, int maxTags, CancellationToken cancellationToken);

    ValueTask<TagStatus> UntagAsync(Tenant tenant, string policyStoreId, IReadOnlyCollection<string> tagKeys, CancellationToken cancellationToken);

    /// <summary>
    /// Creates an alias, or returns the existing one when the same name already points at the same store.
    /// Status: Created, Replayed (already existed), NameConflict (name used by another store or pending deletion),
    /// QuotaExceeded (<paramref name="maxAliasesPerStore"/>), ParentNotFound.
    /// </summary>
    ValueTask<(IdempotentCreateStatus Status, PolicyStoreAliasRecord? Alias)> CreateAliasAsync(
        Tenant tenant, string aliasName, string policyStoreId, DateTimeOffset now, int maxAliasesPerStore, CancellationToken cancellationToken);

    ValueTask<PolicyStoreAliasRecord?> GetAliasAsync(Tenant tenant, string aliasName, CancellationToken cancellationToken);

    /// <summary>Aliases in creation order, optionally only those of one store.</summary>
    ValueTask<Page<PolicyStoreAliasRecord>> ListAliasesAsync(
        Tenant tenant, string? policyStoreId, long? afterPosition, int limit, CancellationToken cancellationToken);

    /// <summary>Moves an active alias to PendingDeletion. Returns false when there was no active alias of that name.</summary>
    ValueTask<bool> DeleteAliasAsync(Tenant tenant, string aliasName, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Forgets aliases that entered PendingDeletion before <paramref name="olderThan"/>, freeing their names.</summary>
    ValueTask<int> PurgeDeletedAliasesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}

public enum DeletePolicyStoreStatus
{
    Deleted,
    NotFound,
    DeletionProtected,
}

public enum TagStatus
{
    Done,
    StoreNotFound,
    TooManyTags,
}
