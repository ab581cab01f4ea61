using System.Globalization;
using System.Text.Json;
using Verdict.Protocol;
using Verdict.Storage;
using Verdict.VerifiedPermissions.Common;

namespace Verdict.VerifiedPermissions.IdentitySources;

/// <summary>
/// CreateIdentitySource (client-token idempotent, one per store), GetIdentitySource, UpdateIdentitySource (replaces the
/// configuration, and the principal type when given), DeleteIdentitySource, ListIdentitySources (filter by principal type).
/// </summary>
public sealed class IdentitySourceOperations(IVerdictStorage storage, PolicyStoreResolver resolver)
{
    /// <summary>AVP's quota, not adjustable.</summary>
    public const int IdentitySourcesPerPolicyStore = 1;

    /// <summary>
    /// The maximum page size. The current model documentation says 50; the 2024-04-04 API change notes say 200. Both
    /// hold if 200 is accepted (with a single source per store, no page ever holds more than one).
    /// </summary>
    public const int MaxPageSize = 200;

    private static readonly IdentitySourcesJson s_json = IdentitySourcesJson.Default;

    public void Register(OperationTable table) => table
        .Add("CreateIdentitySource", CreateAsync)
        .Add("GetIdentitySource", GetAsync)
        .Add("UpdateIdentitySource", UpdateAsync)
        .Add("DeleteIdentitySource", DeleteAsync)
        .Add("ListIdentitySources", ListAsync);

    private async ValueTask<AwsResult> CreateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.CreateIdentitySourceInput)!;
        if (IdentitySourceConfigurations.Check(input.Configuration, "configuration") is { } badConfiguration)
        {
            return badConfiguration;
        }

        if (IdentitySourceConfigurations.CheckPrincipalEntityType(input.PrincipalEntityType, out var principalEntityType) is { } badType)
        {
            return badType;
        }

        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var now = Timestamps.ToStoredPrecision(request.ReceivedAt);
        var record = new IdentitySourceRecord(
            tenant, store!.PolicyStoreId, ResourceIds.New(), principalEntityType, IdentitySourceConfigurations.ToStoredJson(input.Configuration), now, now);
        var key = input.ClientToken is null
            ? null
            : new IdempotencyKey("CreateIdentitySource", input.ClientToken, Fingerprint.Of(request.Input), now - Quotas.ClientTokenLifetime);
        var result = await storage.IdentitySources.CreateAsync(record, IdentitySourcesPerPolicyStore, key,
            created => JsonSerializer.Serialize(WriteOutput(created), s_json.IdentitySourceWriteOutput), cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            IdempotentCreateStatus.Created or IdempotentCreateStatus.Replayed => AwsResult.RawJson(result.RecordedResponse!),
            IdempotentCreateStatus.TokenConflict => VerifiedPermissionsErrors.ConflictWith(
                "The client token was already used with different parameters.", (result.ResourceId!, ResourceTypes.IdentitySource)),
            IdempotentCreateStatus.QuotaExceeded => VerifiedPermissionsErrors.QuotaExceeded(
                $"The policy store already has an identity source; a policy store can have at most {IdentitySourcesPerPolicyStore}.",
                ResourceTypes.IdentitySource, store.PolicyStoreId, "IdentitySourcesPerPolicyStore"),
            _ => VerifiedPermissionsErrors.NotFound(input.PolicyStoreId, ResourceTypes.PolicyStore),
        };
    }

    private async ValueTask<AwsResult> GetAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.GetIdentitySourceInput)!;
        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var identitySource = await storage.IdentitySources.GetAsync(tenant, store!.PolicyStoreId, input.IdentitySourceId, cancellationToken).ConfigureAwait(false);
        return identitySource is null
            ? VerifiedPermissionsErrors.NotFound(input.IdentitySourceId, ResourceTypes.IdentitySource)
            : AwsResult.Ok(Describe(identitySource), s_json.IdentitySourceDescription);
    }

    private async ValueTask<AwsResult> UpdateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.UpdateIdentitySourceInput)!;
        if (IdentitySourceConfigurations.Check(input.UpdateConfiguration, "updateConfiguration") is { } badConfiguration)
        {
            return badConfiguration;
        }

        if (input.PrincipalEntityType is not null
            && IdentitySourceConfigurations.CheckEntityType(input.PrincipalEntityType, "principalEntityType") is { } badType)
        {
            return badType;
        }

        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var now = Timestamps.ToStoredPrecision(request.ReceivedAt);
        var configuration = IdentitySourceConfigurations.ToStoredJson(input.UpdateConfiguration);
        var (status, updated) = await storage.IdentitySources.UpdateAsync(tenant, store!.PolicyStoreId, input.IdentitySourceId, existing => existing with
        {
            ConfigurationJson = configuration,
            PrincipalEntityType = input.PrincipalEntityType ?? existing.PrincipalEntityType,
            LastUpdatedDate = now,
        }, cancellationToken).ConfigureAwait(false);
        return status == ChangeStatus.Done
            ? AwsResult.Ok(WriteOutput(updated!), s_json.IdentitySourceWriteOutput)
            : VerifiedPermissionsErrors.NotFound(input.IdentitySourceId, ResourceTypes.IdentitySource);
    }

    private async ValueTask<AwsResult> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.DeleteIdentitySourceInput)!;
        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        // Idempotent like DeletePolicy and DeletePolicyTemplate: deleting a source that is already gone succeeds.
        await storage.IdentitySources.DeleteAsync(tenant, store!.PolicyStoreId, input.IdentitySourceId, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.ListIdentitySourcesInput)!;
        if (input.MaxResults > MaxPageSize)
        {
            var value = input.MaxResults.Value.ToString(CultureInfo.InvariantCulture);
            return VerifiedPermissionsErrors.InvalidField(
                "maxResults", $"Value '{value}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to {MaxPageSize}");
        }

        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var listing = "identity-sources/" + store!.PolicyStoreId;
        long? after = null;
        if (input.NextToken is not null && (after = PageTokens.Decode(listing, input.NextToken)) is null)
        {
            return VerifiedPermissionsErrors.InvalidField("nextToken", "The nextToken is not valid for this request.");
        }

        var size = input.MaxResults ?? Quotas.DefaultPageSize;

        // Each filter narrows the listing: a source is listed when it matches every filter given.
        var wantedTypes = (input.Filters ?? []).Select(f => f.PrincipalEntityType).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (wantedTypes.Count > 1)
        {
            return AwsResult.Ok(new ListIdentitySourcesOutput(null, []), s_json.ListIdentitySourcesOutput);
        }

        var page = await storage.IdentitySources.ListAsync(
            tenant, store.PolicyStoreId, wantedTypes.Count == 1 ? wantedTypes[0] : null, after, size, cancellationToken).ConfigureAwait(false);
        return AwsResult.Ok(
            new ListIdentitySourcesOutput(Paging.Next(listing, page.NextPosition), [.. page.Items.Select(Describe)]), s_json.ListIdentitySourcesOutput);
    }

    private static IdentitySourceDescription Describe(IdentitySourceRecord identitySource)
    {
        var (configuration, details) = IdentitySourceConfigurations.Describe(IdentitySourceConfigurations.FromStoredJson(identitySource.ConfigurationJson));
        return new IdentitySourceDescription(
            Timestamps.Format(identitySource.CreatedDate), details, identitySource.IdentitySourceId, Timestamps.Format(identitySource.LastUpdatedDate),
            identitySource.PolicyStoreId, identitySource.PrincipalEntityType, configuration);
    }

    private static IdentitySourceWriteOutput WriteOutput(IdentitySourceRecord identitySource) => new(
        Timestamps.Format(identitySource.CreatedDate), identitySource.IdentitySourceId,
        Timestamps.Format(identitySource.LastUpdatedDate), identitySource.PolicyStoreId);
}
