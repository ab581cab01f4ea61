using Verdict.Protocol;
using Verdict.Storage;

namespace Verdict.VerifiedPermissions.Common;

/// <summary>
/// Finds the store a <c>policyStoreId</c> names: an id, or <c>policy-store-alias/NAME</c> of an active alias. Every
/// store-scoped operation (policies, templates, schema, authorization) starts here.
/// </summary>
public sealed class PolicyStoreResolver(IVerdictStorage storage)
{
    public async ValueTask<(PolicyStoreRecord? Store, AwsError? Error)> ResolveAsync(
        Tenant tenant, string policyStoreIdOrAlias, CancellationToken cancellationToken)
    {
        var policyStoreId = policyStoreIdOrAlias;
        if (policyStoreIdOrAlias.StartsWith(Arns.AliasPrefix, StringComparison.Ordinal))
        {
            var alias = await storage.PolicyStores.GetAliasAsync(tenant, policyStoreIdOrAlias, cancellationToken).ConfigureAwait(false);
            if (alias is not { State: AliasState.Active })
            {
                return (null, VerifiedPermissionsErrors.NotFound(policyStoreIdOrAlias, ResourceTypes.PolicyStoreAlias));
            }

            policyStoreId = alias.PolicyStoreId;
        }

        var store = await storage.PolicyStores.GetAsync(tenant, policyStoreId, cancellationToken).ConfigureAwait(false);
        return store is null
            ? (null, VerifiedPermissionsErrors.NotFound(policyStoreIdOrAlias, ResourceTypes.PolicyStore))
            : (store, null);
    }

    public static Tenant TenantOf(AwsRequest request) => new(request.Caller.Account, request.Caller.Region);
}
