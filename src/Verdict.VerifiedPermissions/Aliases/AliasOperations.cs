using System.Text.Json;
using Verdict.Protocol;
using Verdict.Storage;
using Verdict.VerifiedPermissions.Common;

namespace Verdict.VerifiedPermissions.Aliases;

/// <summary>CreatePolicyStoreAlias, GetPolicyStoreAlias, ListPolicyStoreAliases, DeletePolicyStoreAlias.</summary>
public sealed class AliasOperations(IVerdictStorage storage, VerifiedPermissionsOptions options)
{
    private static readonly VerifiedPermissionsJson s_json = VerifiedPermissionsJson.Default;

    public void Register(OperationTable table) => table
        .Add("CreatePolicyStoreAlias", CreateAsync)
        .Add("GetPolicyStoreAlias", GetAsync)
        .Add("ListPolicyStoreAliases", ListAsync)
        .Add("DeletePolicyStoreAlias", DeleteAsync);

    private async ValueTask<AwsResult> CreateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.CreatePolicyStoreAliasInput)!;
        if (CheckName(input.AliasName) is { } invalid)
        {
            return invalid;
        }

        if (input.PolicyStoreId.StartsWith(Arns.AliasPrefix, StringComparison.Ordinal))
        {
            return VerifiedPermissionsErrors.InvalidField(
                "policyStoreId", "The policy store of an alias must be given by its ID; an alias name can't be used.");
        }

        var tenant = PolicyStoreResolver.TenantOf(request);
        await storage.PolicyStores.PurgeDeletedAliasesAsync(request.ReceivedAt - options.AliasPendingDeletionPeriod, cancellationToken).ConfigureAwait(false);
        var (status, alias) = await storage.PolicyStores.CreateAliasAsync(
            tenant, input.AliasName, input.PolicyStoreId, Timestamps.ToStoredPrecision(request.ReceivedAt), Quotas.AliasesPerPolicyStore,
            cancellationToken).ConfigureAwait(false);
        return status switch
        {
            IdempotentCreateStatus.Created or IdempotentCreateStatus.Replayed => AwsResult.Ok(new CreatePolicyStoreAliasOutput(
                alias!.AliasName, alias.PolicyStoreId, Arns.PolicyStoreAlias(tenant.Region, tenant.Account, alias.AliasName),
                Timestamps.Format(alias.CreatedAt)), s_json.CreatePolicyStoreAliasOutput),
            IdempotentCreateStatus.NameConflict => VerifiedPermissionsErrors.ConflictWith(
                alias!.State == AliasState.PendingDeletion
                    ? $"The alias {input.AliasName} is pending deletion and can't be created again yet."
                    : $"The alias {input.AliasName} already exists for another policy store.",
                (input.AliasName, ResourceTypes.PolicyStoreAlias)),
            IdempotentCreateStatus.QuotaExceeded => VerifiedPermissionsErrors.QuotaExceeded(
                $"The policy store {input.PolicyStoreId} already has the maximum of {Quotas.AliasesPerPolicyStore} aliases.",
                ResourceTypes.PolicyStoreAlias, input.PolicyStoreId),
            _ => VerifiedPermissionsErrors.NotFound(input.PolicyStoreId, ResourceTypes.PolicyStore),
        };
    }

    private async ValueTask<AwsResult> GetAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.GetPolicyStoreAliasInput)!;
        if (CheckName(input.AliasName) is { } invalid)
        {
            return invalid;
        }

        var tenant = PolicyStoreResolver.TenantOf(request);
        var alias = await storage.PolicyStores.GetAliasAsync(tenant, input.AliasName, cancellationToken).ConfigureAwait(false);
        return alias is null
            ? VerifiedPermissionsErrors.NotFound(input.AliasName, ResourceTypes.PolicyStoreAlias)
            : AwsResult.Ok(Item(tenant, alias), s_json.PolicyStoreAliasItem);
    }

    private async ValueTask<AwsResult> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.ListPolicyStoreAliasesInput)!;
        var storeFilter = input.Filter?.PolicyStoreId;
        // The filter is part of the listing's identity: a token from an unfiltered listing can't continue a filtered one.
        var listing = "aliases/" + (storeFilter ?? "*");
        if (Paging.TryRead(listing, input.NextToken, input.MaxResults, Quotas.DefaultAliasPageSize, out var after, out var size) is { } error)
        {
            return error;
        }

        var tenant = PolicyStoreResolver.TenantOf(request);
        var page = await storage.PolicyStores.ListAliasesAsync(tenant, storeFilter, after, size, cancellationToken).ConfigureAwait(false);
        return AwsResult.Ok(
            new ListPolicyStoreAliasesOutput(Paging.Next(listing, page.NextPosition), [.. page.Items.Select(a => Item(tenant, a))]),
            s_json.ListPolicyStoreAliasesOutput);
    }

    private async ValueTask<AwsResult> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.DeletePolicyStoreAliasInput)!;
        if (CheckName(input.AliasName) is { } invalid)
        {
            return invalid;
        }

        // Idempotent: deleting an alias that is missing or already pending deletion succeeds.
        await storage.PolicyStores.DeleteAliasAsync(PolicyStoreResolver.TenantOf(request), input.AliasName, request.ReceivedAt, cancellationToken)
            .ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private static PolicyStoreAliasItem Item(Tenant tenant, PolicyStoreAliasRecord alias) => new(
        alias.AliasName,
        alias.PolicyStoreId,
        Arns.PolicyStoreAlias(tenant.Region, tenant.Account, alias.AliasName),
        Timestamps.Format(alias.CreatedAt),
        alias.State == AliasState.Active ? "Active" : "PendingDeletion");

    private static AwsError? CheckName(string aliasName) =>
        aliasName.StartsWith(Arns.AliasPrefix, StringComparison.Ordinal) && aliasName.Length > Arns.AliasPrefix.Length
            ? null
            : VerifiedPermissionsErrors.InvalidField(
                "aliasName", $"Value '{aliasName}' at 'aliasName' failed to satisfy constraint: The alias name must start with '{Arns.AliasPrefix}'.");
}
