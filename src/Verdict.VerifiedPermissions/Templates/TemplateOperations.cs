using System.Text;
using System.Text.Json;
using Cedar.Parsing;
using Verdict.Protocol;
using Verdict.Storage;
using Verdict.VerifiedPermissions.Common;
using Verdict.VerifiedPermissions.Policies;

namespace Verdict.VerifiedPermissions.Templates;

/// <summary>
/// CreatePolicyTemplate, GetPolicyTemplate, UpdatePolicyTemplate (linked policies follow at once),
/// DeletePolicyTemplate (deletes the linked policies too), ListPolicyTemplates.
/// </summary>
public sealed class TemplateOperations(IVerdictStorage storage, PolicyStoreResolver resolver, PolicyValidation validation, ResourcePolicySize sizes)
{
    private const string StatementPath = "statement";
    private static readonly VerifiedPermissionsJson s_json = VerifiedPermissionsJson.Default;

    public void Register(OperationTable table) => table
        .Add("CreatePolicyTemplate", CreateAsync)
        .Add("GetPolicyTemplate", GetAsync)
        .Add("UpdatePolicyTemplate", UpdateAsync)
        .Add("DeletePolicyTemplate", DeleteAsync)
        .Add("ListPolicyTemplates", ListAsync);

    private async ValueTask<AwsResult> CreateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.CreatePolicyTemplateInput)!;
        if (PolicyStatements.CheckName(input.Name, "name") is { } badName)
        {
            return badName;
        }

        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var templateId = ResourceIds.New();
        if (PolicyStatements.TryParseTemplate(input.Statement, StatementPath, templateId, out var template) is { } invalid)
        {
            return invalid;
        }

        if (await validation.CheckAsync(store!, template, input.Statement, StatementPath, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var now = Timestamps.ToStoredPrecision(request.ReceivedAt);
        var record = new PolicyTemplateRecord(
            tenant, store!.PolicyStoreId, templateId, string.IsNullOrEmpty(input.Name) ? null : input.Name, input.Description, input.Statement, now, now);
        var key = input.ClientToken is null
            ? null
            : new IdempotencyKey("CreatePolicyTemplate", input.ClientToken, Fingerprint.Of(request.Input), now - Quotas.ClientTokenLifetime);
        var result = await storage.Policies.CreateTemplateAsync(tenant, record, Quotas.PolicyTemplatesPerStore, key,
            created => JsonSerializer.Serialize(WriteOutput(created), s_json.PolicyTemplateWriteOutput), cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            IdempotentCreateStatus.Created or IdempotentCreateStatus.Replayed => AwsResult.RawJson(result.RecordedResponse!),
            IdempotentCreateStatus.TokenConflict => VerifiedPermissionsErrors.ConflictWith(
                "The client token was already used with different parameters.", (result.ResourceId!, ResourceTypes.PolicyTemplate)),
            IdempotentCreateStatus.NameConflict => VerifiedPermissionsErrors.ConflictWith(
                $"A policy template named {input.Name} already exists in the policy store.", (result.ResourceId!, ResourceTypes.PolicyTemplate)),
            IdempotentCreateStatus.QuotaExceeded => VerifiedPermissionsErrors.QuotaExceeded(
                $"The policy store already has the maximum of {Quotas.PolicyTemplatesPerStore} policy templates.",
                ResourceTypes.PolicyTemplate, store.PolicyStoreId, "PolicyTemplatesPerPolicyStore"),
            _ => VerifiedPermissionsErrors.NotFound(input.PolicyStoreId, ResourceTypes.PolicyStore),
        };
    }

    private async ValueTask<AwsResult> GetAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.GetPolicyTemplateInput)!;
        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var template = await storage.Policies.GetTemplateAsync(tenant, store!.PolicyStoreId, input.PolicyTemplateId, cancellationToken).ConfigureAwait(false);
        return template is null
            ? VerifiedPermissionsErrors.NotFound(input.PolicyTemplateId, ResourceTypes.PolicyTemplate)
            : AwsResult.Ok(new GetPolicyTemplateOutput(
                template.PolicyStoreId, template.PolicyTemplateId, template.Description, template.Statement,
                Timestamps.Format(template.CreatedDate), Timestamps.Format(template.LastUpdatedDate), template.Name), s_json.GetPolicyTemplateOutput);
    }

    private async ValueTask<AwsResult> UpdateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.UpdatePolicyTemplateInput)!;
        if (PolicyStatements.CheckName(input.Name, "name") is { } badName)
        {
            return badName;
        }

        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (PolicyStatements.TryParseTemplate(input.Statement, StatementPath, "template0", out var updated) is { } invalid)
        {
            return invalid;
        }

        if (await validation.CheckAsync(store!, updated, input.Statement, StatementPath, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var current = await storage.Policies.GetTemplateAsync(tenant, store!.PolicyStoreId, input.PolicyTemplateId, cancellationToken).ConfigureAwait(false);
        if (current is not null
            && Encoding.UTF8.GetByteCount(input.Statement) > Encoding.UTF8.GetByteCount(current.Statement)
            && await sizes.CheckTemplateAsync(tenant, store.PolicyStoreId, current with { Statement = input.Statement }, cancellationToken).ConfigureAwait(false) is { } tooLarge)
        {
            return tooLarge;
        }

        var now = Timestamps.ToStoredPrecision(request.ReceivedAt);
        AwsError? rejection = null;
        var (status, template) = await storage.Policies.UpdateTemplateAsync(tenant, store!.PolicyStoreId, input.PolicyTemplateId, existing =>
        {
            var before = PolicyParser.ParsePolicy(existing.Statement, existing.PolicyTemplateId).Value!;
            if (PolicyScope.FixedPartChanged(before, updated) is { } part)
            {
                rejection = VerifiedPermissionsErrors.InvalidField(
                    StatementPath, $"An update can't change the {part} of a policy template; only the action and the conditions may change.");
                return null;
            }

            return existing with
            {
                Name = input.Name is null ? existing.Name : input.Name.Length == 0 ? null : input.Name,
                Description = input.Description ?? existing.Description,
                Statement = input.Statement,
                LastUpdatedDate = now,
            };
        }, PolicyScope.Actions(updated), cancellationToken).ConfigureAwait(false);
        return status switch
        {
            ChangeStatus.Done => AwsResult.Ok(WriteOutput(template!), s_json.PolicyTemplateWriteOutput),
            ChangeStatus.Rejected => rejection!,
            ChangeStatus.NameConflict => VerifiedPermissionsErrors.ConflictWith(
                $"A policy template named {input.Name} already exists in the policy store.", (template!.PolicyTemplateId, ResourceTypes.PolicyTemplate)),
            ChangeStatus.StoreNotFound => VerifiedPermissionsErrors.NotFound(input.PolicyStoreId, ResourceTypes.PolicyStore),
            _ => VerifiedPermissionsErrors.NotFound(input.PolicyTemplateId, ResourceTypes.PolicyTemplate),
        };
    }

    private async ValueTask<AwsResult> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.DeletePolicyTemplateInput)!;
        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        // AVP deletes the linked policies with the template. Deleting a template that is already gone succeeds, as
        // DeletePolicy does.
        await storage.Policies.DeleteTemplateAsync(tenant, store!.PolicyStoreId, input.PolicyTemplateId, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.ListPolicyTemplatesInput)!;
        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var listing = "policy-templates/" + store!.PolicyStoreId;
        if (Paging.TryRead(listing, input.NextToken, input.MaxResults, Quotas.DefaultPageSize, out var after, out var size) is { } pagingError)
        {
            return pagingError;
        }

        var page = await storage.Policies.ListTemplatesAsync(tenant, store.PolicyStoreId, after, size, cancellationToken).ConfigureAwait(false);
        var items = page.Items.Select(t => new PolicyTemplateItem(
            t.PolicyStoreId, t.PolicyTemplateId, t.Description, Timestamps.Format(t.CreatedDate), Timestamps.Format(t.LastUpdatedDate), t.Name)).ToList();
        return AwsResult.Ok(new ListPolicyTemplatesOutput(Paging.Next(listing, page.NextPosition), items), s_json.ListPolicyTemplatesOutput);
    }

    private static PolicyTemplateWriteOutput WriteOutput(PolicyTemplateRecord template) => new(
        template.PolicyStoreId, template.PolicyTemplateId, Timestamps.Format(template.CreatedDate), Timestamps.Format(template.LastUpdatedDate));
}
