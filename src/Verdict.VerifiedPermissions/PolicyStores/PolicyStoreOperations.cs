using System.Text.Json;
using Verdict.Protocol;
using Verdict.Storage;
using Verdict.VerifiedPermissions.Common;

namespace Verdict.VerifiedPermissions.PolicyStores;

/// <summary>CreatePolicyStore, GetPolicyStore, ListPolicyStores, UpdatePolicyStore, DeletePolicyStore.</summary>
public sealed class PolicyStoreOperations(IVerdictStorage storage, PolicyStoreResolver resolver, VerifiedPermissionsOptions options)
{
    private const string ListingName = "policy-stores";
    private const string CedarVersion = "CEDAR_4";
    private static readonly VerifiedPermissionsJson s_json = VerifiedPermissionsJson.Default;

    public void Register(OperationTable table) => table
        .Add("CreatePolicyStore", CreateAsync)
        .Add("GetPolicyStore", GetAsync)
        .Add("ListPolicyStores", ListAsync)
        .Add("UpdatePolicyStore", UpdateAsync)
        .Add("DeletePolicyStore", DeleteAsync);

    private async ValueTask<AwsResult> CreateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.CreatePolicyStoreInput)!;
        var tenant = PolicyStoreResolver.TenantOf(request);
        if (input.Tags is { Count: > Quotas.TagsPerResource })
        {
            return VerifiedPermissionsErrors.InvalidField(
                "tags", $"Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to {Quotas.TagsPerResource}");
        }

        var now = Timestamps.ToStoredPrecision(request.ReceivedAt);
        var store = new NewPolicyStore(
            ResourceIds.New(),
            input.ValidationSettings.Mode,
            input.DeletionProtection ?? "DISABLED",
            input.Description,
            EncryptionState(input.EncryptionSettings, request.Caller),
            CedarVersion,
            now,
            input.Tags ?? []);
        var key = input.ClientToken is null
            ? null
            : new IdempotencyKey("CreatePolicyStore", input.ClientToken, Fingerprint.Of(request.Input), now - Quotas.ClientTokenLifetime);
        var result = await storage.PolicyStores.CreateAsync(tenant, store, options.MaxPolicyStores, key, created => JsonSerializer.Serialize(
            new CreatePolicyStoreOutput(
                created.PolicyStoreId, Arns.PolicyStore(tenant.Account, created.PolicyStoreId),
                Timestamps.Format(created.CreatedDate), Timestamps.Format(created.LastUpdatedDate)),
            s_json.CreatePolicyStoreOutput), cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            IdempotentCreateStatus.Created or IdempotentCreateStatus.Replayed => AwsResult.RawJson(result.RecordedResponse!),
            IdempotentCreateStatus.QuotaExceeded => VerifiedPermissionsErrors.QuotaExceeded(
                $"The account already has the maximum of {options.MaxPolicyStores} policy stores in this region.", ResourceTypes.PolicyStore),
            _ => ClientTokenConflict(result.ResourceId!),
        };
    }

    private async ValueTask<AwsResult> GetAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.GetPolicyStoreInput)!;
        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        Dictionary<string, string>? tags = null;
        if (input.Tags == true)
        {
            var stored = await storage.PolicyStores.GetTagsAsync(tenant, store!.PolicyStoreId, cancellationToken).ConfigureAwait(false);
            // AVP omits the member when the store has no tags.
            if (stored is { Count: > 0 })
            {
                tags = new Dictionary<string, string>(stored, StringComparer.Ordinal);
            }
        }

        using var encryption = JsonDocument.Parse(store!.EncryptionStateJson);
        return AwsResult.Ok(new GetPolicyStoreOutput(
            store.PolicyStoreId,
            Arns.PolicyStore(tenant.Account, store.PolicyStoreId),
            new ValidationSettings(store.ValidationMode),
            Timestamps.Format(store.CreatedDate),
            Timestamps.Format(store.LastUpdatedDate),
            store.Description,
            store.DeletionProtection,
            encryption.RootElement.Clone(),
            store.CedarVersion,
            tags), s_json.GetPolicyStoreOutput);
    }

    private async ValueTask<AwsResult> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.ListPolicyStoresInput)!;
        if (Paging.TryRead(ListingName, input.NextToken, input.MaxResults, Quotas.DefaultPageSize, out var after, out var size) is { } error)
        {
            return error;
        }

        var tenant = PolicyStoreResolver.TenantOf(request);
        var page = await storage.PolicyStores.ListAsync(tenant, after, size, cancellationToken).ConfigureAwait(false);
        var items = page.Items.Select(s => new PolicyStoreItem(
            s.PolicyStoreId, Arns.PolicyStore(tenant.Account, s.PolicyStoreId),
            Timestamps.Format(s.CreatedDate), Timestamps.Format(s.LastUpdatedDate), s.Description)).ToList();
        return AwsResult.Ok(new ListPolicyStoresOutput(Paging.Next(ListingName, page.NextPosition), items), s_json.ListPolicyStoresOutput);
    }

    private async ValueTask<AwsResult> UpdateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.UpdatePolicyStoreInput)!;
        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var update = new PolicyStoreUpdate(
            input.ValidationSettings.Mode, input.DeletionProtection, input.Description, Timestamps.ToStoredPrecision(request.ReceivedAt));
        var updated = await storage.PolicyStores.UpdateAsync(tenant, store!.PolicyStoreId, update, cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            return VerifiedPermissionsErrors.NotFound(input.PolicyStoreId, ResourceTypes.PolicyStore);
        }

        return AwsResult.Ok(new UpdatePolicyStoreOutput(
            updated.PolicyStoreId, Arns.PolicyStore(tenant.Account, updated.PolicyStoreId),
            Timestamps.Format(updated.CreatedDate), Timestamps.Format(updated.LastUpdatedDate)), s_json.UpdatePolicyStoreOutput);
    }

    private async ValueTask<AwsResult> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.DeletePolicyStoreInput)!;
        if (input.PolicyStoreId.StartsWith(Arns.AliasPrefix, StringComparison.Ordinal))
        {
            return VerifiedPermissionsErrors.InvalidField(
                "policyStoreId", "DeletePolicyStore accepts only a policy store ID; an alias name can't be used.");
        }

        var tenant = PolicyStoreResolver.TenantOf(request);
        var status = await storage.PolicyStores.DeleteAsync(tenant, input.PolicyStoreId, request.ReceivedAt, cancellationToken).ConfigureAwait(false);
        // Deleting a store that does not exist succeeds: the operation is idempotent and has no ResourceNotFound.
        return status == DeletePolicyStoreStatus.DeletionProtected
            ? VerifiedPermissionsErrors.StateInvalid(
                "The policy store can't be deleted because deletion protection is enabled. To delete this policy store, disable deletion protection.")
            : AwsResult.Empty();
    }

    private static AwsError ClientTokenConflict(string resourceId) => VerifiedPermissionsErrors.ConflictWith(
        "The client token was already used with different parameters.", (resourceId, ResourceTypes.PolicyStore));

    /// <summary>
    /// The <c>EncryptionState</c> a store reports for the <c>EncryptionSettings</c> it was created with. A KMS key given
    /// by id or alias is reported as an ARN, as AVP does; the key is not contacted.
    /// </summary>
    private static string EncryptionState(JsonElement? settings, CallerIdentity caller)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (settings is { } s && s.TryGetProperty("kmsEncryptionSettings", out var kms) && kms.ValueKind == JsonValueKind.Object)
            {
                var key = kms.GetProperty("key").GetString()!;
                var keyArn = key.StartsWith("arn:", StringComparison.Ordinal) ? key
                    : key.StartsWith("alias/", StringComparison.Ordinal) ? $"arn:aws:kms:{caller.Region}:{caller.Account}:{key}"
                    : $"arn:aws:kms:{caller.Region}:{caller.Account}:key/{key}";
                writer.WriteStartObject("kmsEncryptionState"u8);
                writer.WriteString("key"u8, keyArn);
                writer.WriteStartObject("encryptionContext"u8);
                if (kms.TryGetProperty("encryptionContext", out var context) && context.ValueKind == JsonValueKind.Object)
                {
                    foreach (var entry in context.EnumerateObject())
                    {
                        writer.WriteString(entry.Name, entry.Value.GetString());
                    }
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject("default"u8);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
