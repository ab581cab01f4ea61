namespace Verdict.Storage;

/// <summary>
/// Identity sources of policy stores. A store holds at most one (AVP's fixed quota), so the repository both enforces
/// the quota on create and answers "the store's identity source" for token authorization.
/// </summary>
public interface IIdentitySourceRepository
{
    /// <summary>
    /// Creates an identity source unless the store already has <paramref name="maxPerPolicyStore"/>.
    /// Status: Created, Replayed, TokenConflict, ParentNotFound (no such store), QuotaExceeded.
    /// </summary>
    ValueTask<IdempotentCreateResult> CreateAsync(
        IdentitySourceRecord identitySource, int maxPerPolicyStore, IdempotencyKey? idempotencyKey,
        Func<IdentitySourceRecord, string> renderResponse, CancellationToken cancellationToken);

    ValueTask<IdentitySourceRecord?> GetAsync(Tenant tenant, string policyStoreId, string identitySourceId, CancellationToken cancellationToken);

    /// <summary>The store's first identity source (in creation order), or null when it has none.</summary>
    ValueTask<IdentitySourceRecord?> GetForPolicyStoreAsync(Tenant tenant, string policyStoreId, CancellationToken cancellationToken);

    /// <summary>
    /// Identity sources in creation order, starting after <paramref name="afterPosition"/>; only those whose principal
    /// entity type is <paramref name="principalEntityType"/> when it is not null.
    /// </summary>
    ValueTask<Page<IdentitySourceRecord>> ListAsync(
        Tenant tenant, string policyStoreId, string? principalEntityType, long? afterPosition, int limit, CancellationToken cancellationToken);

    /// <summary>Replaces an identity source with what <paramref name="change"/> makes of it. Status: Done, NotFound.</summary>
    ValueTask<(ChangeStatus Status, IdentitySourceRecord? IdentitySource)> UpdateAsync(
        Tenant tenant, string policyStoreId, string identitySourceId, Func<IdentitySourceRecord, IdentitySourceRecord> change, CancellationToken cancellationToken);

    /// <summary>Deletes an identity source; false when there was none.</summary>
    ValueTask<bool> DeleteAsync(Tenant tenant, string policyStoreId, string identitySourceId, CancellationToken cancellationToken);
}
