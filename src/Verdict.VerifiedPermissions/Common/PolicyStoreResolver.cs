using Verdict.Protocol;
using Verdict.Storage;

namespace Verdict.VerifiedPermissions.Common;

/// <summary>
/// Finds the store a <c>policyStoreId</c> names: an id, or <c>policy-store-alias/NAME</c> of an active alias. Every
/// store-scoped operation (policies, templates, schema, authorization) starts here, so its reads go through a cache
/// that stays exact (<see cref="LocalReadCache{TKey, TValue}"/>): an authorization request costs no database read
/// while nothing has been written.
/// </summary>
public sealed class PolicyStoreResolver(IVerdictStorage storage)
{
    private readonly LocalReadCache<(Tenant, string), PolicyStoreRecord> _stores = new(storage.LocalWrites);
    private readonly LocalReadCache<(Tenant, string), PolicyStoreAliasRecord> _aliases = new(storage.LocalWrites);
    private readonly LocalReadCache<(Tenant, string), IdentitySourceRecord> _identitySources = new(storage.LocalWrites);

    public async ValueTask<(PolicyStoreRecord? Store, AwsError? Error)> ResolveAsync(
        Tenant tenant, string policyStoreIdOrAlias, CancellationToken cancellationToken)
    {
        var policyStoreId = policyStoreIdOrAlias;
        if (policyStoreIdOrAlias.StartsWith(Arns.AliasPrefix, StringComparison.Ordinal))
        {
            var alias = await _aliases.GetAsync(
                (tenant, policyStoreIdOrAlias), storage, static (s, key, ct) => s.PolicyStores.GetAliasAsync(key.Item1, key.Item2, ct), cancellationToken)
                .ConfigureAwait(false);
            if (alias is not { State: AliasState.Active })
            {
                return (null, VerifiedPermissionsErrors.NotFound(policyStoreIdOrAlias, ResourceTypes.PolicyStoreAlias));
            }

            policyStoreId = alias.PolicyStoreId;
        }

        var store = await _stores.GetAsync(
            (tenant, policyStoreId), storage, static (s, key, ct) => s.PolicyStores.GetAsync(key.Item1, key.Item2, ct), cancellationToken)
            .ConfigureAwait(false);
        return store is null
            ? (null, VerifiedPermissionsErrors.NotFound(policyStoreIdOrAlias, ResourceTypes.PolicyStore))
            : (store, null);
    }

    /// <summary>The store's identity source (a store has at most one), or null.</summary>
    public ValueTask<IdentitySourceRecord?> IdentitySourceOfAsync(PolicyStoreRecord store, CancellationToken cancellationToken) =>
        _identitySources.GetAsync(
            (store.Tenant, store.PolicyStoreId), storage, static (s, key, ct) => s.IdentitySources.GetForPolicyStoreAsync(key.Item1, key.Item2, ct), cancellationToken);

    public static Tenant TenantOf(AwsRequest request) => new(request.Caller.Account, request.Caller.Region);
}
