using System.Text.Json;
using Cedar.Ast;
using Cedar.Parsing;
using Verdict.Protocol;
using Verdict.Storage;
using Verdict.VerifiedPermissions.Common;

namespace Verdict.VerifiedPermissions.Policies;

/// <summary>CreatePolicy, GetPolicy, UpdatePolicy, DeletePolicy, ListPolicies, BatchGetPolicy.</summary>
public sealed class PolicyOperations(IVerdictStorage storage, PolicyStoreResolver resolver, PolicyValidation validation, ResourcePolicySize sizes)
{
    private const string Static = "STATIC";
    private const string TemplateLinked = "TEMPLATE_LINKED";
    private static readonly VerifiedPermissionsJson s_json = VerifiedPermissionsJson.Default;

    public void Register(OperationTable table) => table
        .Add("CreatePolicy", CreateAsync)
        .Add("GetPolicy", GetAsync)
        .Add("UpdatePolicy", UpdateAsync)
        .Add("DeletePolicy", DeleteAsync)
        .Add("ListPolicies", ListAsync)
        .Add("BatchGetPolicy", BatchGetAsync);

    private async ValueTask<AwsResult> CreateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.CreatePolicyInput)!;
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

        var now = Timestamps.ToStoredPrecision(request.ReceivedAt);
        var policyId = ResourceIds.New();
        var name = string.IsNullOrEmpty(input.Name) ? null : input.Name;
        Func<PolicyTemplateRecord?, PolicyRecord?> complete;
        AwsError? rejection = null;
        string? templateId = null;
        if (input.Definition.Static is { } definition)
        {
            const string path = "definition.static.statement";
            if (PolicyStatements.TryParseStatic(definition.Statement, path, policyId, out var policy) is { } invalid)
            {
                return invalid;
            }

            if (await validation.CheckAsync(store!, policy, definition.Statement, path, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var scope = PolicyScope.Derive(policy);
            var record = new PolicyRecord(
                tenant, store!.PolicyStoreId, policyId, Static, name, definition.Statement, definition.Description, null, null, null,
                scope.Principal, scope.Resource, scope.Actions, scope.Effect, now, now);
            if (await sizes.CheckAsync(tenant, store.PolicyStoreId, record, null, cancellationToken).ConfigureAwait(false) is { } tooLarge)
            {
                return tooLarge;
            }

            complete = _ => record;
        }
        else
        {
            var link = input.Definition.TemplateLinked!;
            templateId = link.PolicyTemplateId;
            foreach (var (entity, path) in new[] { (link.Principal, "definition.templateLinked.principal"), (link.Resource, "definition.templateLinked.resource") })
            {
                if (entity is not null && PolicyStatements.CheckEntityType(entity.EntityType, path + ".entityType") is { } badType)
                {
                    return badType;
                }
            }

            var template = await storage.Policies.GetTemplateAsync(tenant, store!.PolicyStoreId, link.PolicyTemplateId, cancellationToken).ConfigureAwait(false);
            if (template is null)
            {
                return VerifiedPermissionsErrors.NotFound(link.PolicyTemplateId, ResourceTypes.PolicyTemplate);
            }

            if (Link(template, link, out var linkedScope) is { } mismatch)
            {
                return mismatch;
            }

            var candidate = new PolicyRecord(
                tenant, store.PolicyStoreId, policyId, TemplateLinked, name, null, null, template.PolicyTemplateId,
                link.Principal?.ToStored(), link.Resource?.ToStored(), linkedScope!.Principal, linkedScope.Resource, linkedScope.Actions, linkedScope.Effect, now, now);
            if (await sizes.CheckAsync(tenant, store.PolicyStoreId, candidate, template, cancellationToken).ConfigureAwait(false) is { } tooLarge)
            {
                return tooLarge;
            }

            if (store.ValidationMode == "STRICT")
            {
                if (await validation.CheckLinkAsync(store, template, policyId, link.Principal, link.Resource, "definition.templateLinked", cancellationToken).ConfigureAwait(false) is { } refused)
                {
                    return refused;
                }
            }

            complete = template =>
            {
                rejection = Link(template!, link, out var scope);
                return rejection is not null ? null : new PolicyRecord(
                    tenant, store!.PolicyStoreId, policyId, TemplateLinked, name, null, null, template!.PolicyTemplateId,
                    link.Principal?.ToStored(), link.Resource?.ToStored(), scope!.Principal, scope.Resource, scope.Actions, scope.Effect, now, now);
            };
        }

        var key = input.ClientToken is null
            ? null
            : new IdempotencyKey("CreatePolicy", input.ClientToken, Fingerprint.Of(request.Input), now - Quotas.ClientTokenLifetime);
        var result = await storage.Policies.CreatePolicyAsync(
            tenant, store!.PolicyStoreId, templateId, key, complete,
            created => JsonSerializer.Serialize(WriteOutput(created), s_json.PolicyWriteOutput), cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            IdempotentCreateStatus.Created or IdempotentCreateStatus.Replayed => AwsResult.RawJson(result.RecordedResponse!),
            IdempotentCreateStatus.TokenConflict => VerifiedPermissionsErrors.ConflictWith(
                "The client token was already used with different parameters.", (result.ResourceId!, ResourceTypes.Policy)),
            IdempotentCreateStatus.NameConflict => VerifiedPermissionsErrors.ConflictWith(
                $"A policy named {name} already exists in the policy store.", (result.ResourceId!, ResourceTypes.Policy)),
            IdempotentCreateStatus.Rejected => rejection!,
            _ when result.ResourceId == templateId => VerifiedPermissionsErrors.NotFound(templateId!, ResourceTypes.PolicyTemplate),
            _ => VerifiedPermissionsErrors.NotFound(input.PolicyStoreId, ResourceTypes.PolicyStore),
        };
    }

    private async ValueTask<AwsResult> GetAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.GetPolicyInput)!;
        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var policy = await storage.Policies.GetPolicyAsync(tenant, store!.PolicyStoreId, input.PolicyId, cancellationToken).ConfigureAwait(false);
        return policy is null
            ? VerifiedPermissionsErrors.NotFound(input.PolicyId, ResourceTypes.Policy)
            : AwsResult.Ok(new GetPolicyOutput(
                policy.PolicyStoreId, policy.PolicyId, policy.PolicyType, EntityIdentifier.From(policy.Principal), EntityIdentifier.From(policy.Resource),
                Actions(policy), Definition(policy), Timestamps.Format(policy.CreatedDate), Timestamps.Format(policy.LastUpdatedDate),
                policy.Effect, policy.Name), s_json.GetPolicyOutput);
    }

    private async ValueTask<AwsResult> UpdateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.UpdatePolicyInput)!;
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

        const string path = "definition.static.statement";
        var definition = input.Definition?.Static;
        Policy? updated = null;
        if (definition is not null)
        {
            if (PolicyStatements.TryParseStatic(definition.Statement, path, "policy0", out updated) is { } invalid)
            {
                return invalid;
            }

            if (await validation.CheckAsync(store!, updated, definition.Statement, path, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            // An update can't change the principal or resource, so the policy stays in its bucket; only its size changes.
            var current = await storage.Policies.GetPolicyAsync(tenant, store!.PolicyStoreId, input.PolicyId, cancellationToken).ConfigureAwait(false);
            if (current is { PolicyType: Static }
                && await sizes.CheckAsync(tenant, store.PolicyStoreId, current with { Statement = definition.Statement }, null, cancellationToken).ConfigureAwait(false) is { } tooLarge)
            {
                return tooLarge;
            }
        }

        var now = Timestamps.ToStoredPrecision(request.ReceivedAt);
        AwsError? rejection = null;
        var (status, policy) = await storage.Policies.UpdatePolicyAsync(tenant, store!.PolicyStoreId, input.PolicyId, existing =>
        {
            var name = input.Name is null ? existing.Name : input.Name.Length == 0 ? null : input.Name;
            if (updated is null)
            {
                return existing with { Name = name, LastUpdatedDate = now };
            }

            if (existing.PolicyType != Static)
            {
                rejection = VerifiedPermissionsErrors.InvalidField(
                    "definition", "A template-linked policy can't be updated; update its policy template instead.");
                return null;
            }

            var before = PolicyParser.ParsePolicy(existing.Statement!, existing.PolicyId).Value!;
            if (PolicyScope.FixedPartChanged(before, updated) is { } part)
            {
                rejection = VerifiedPermissionsErrors.InvalidField(
                    path, $"An update can't change the {part} of a policy; only the action and the conditions may change.");
                return null;
            }

            var scope = PolicyScope.Derive(updated);
            return existing with
            {
                Name = name,
                Statement = definition!.Statement,
                Description = definition.Description ?? existing.Description,
                Principal = scope.Principal,
                Resource = scope.Resource,
                Actions = scope.Actions,
                Effect = scope.Effect,
                LastUpdatedDate = now,
            };
        }, cancellationToken).ConfigureAwait(false);
        return status switch
        {
            ChangeStatus.Done => AwsResult.Ok(WriteOutput(policy!), s_json.PolicyWriteOutput),
            ChangeStatus.Rejected => rejection!,
            ChangeStatus.NameConflict => VerifiedPermissionsErrors.ConflictWith(
                $"A policy named {input.Name} already exists in the policy store.", (policy!.PolicyId, ResourceTypes.Policy)),
            ChangeStatus.StoreNotFound => VerifiedPermissionsErrors.NotFound(input.PolicyStoreId, ResourceTypes.PolicyStore),
            _ => VerifiedPermissionsErrors.NotFound(input.PolicyId, ResourceTypes.Policy),
        };
    }

    private async ValueTask<AwsResult> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.DeletePolicyInput)!;
        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        // Idempotent: deleting a policy that does not exist succeeds.
        await storage.Policies.DeletePolicyAsync(tenant, store!.PolicyStoreId, input.PolicyId, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.ListPoliciesInput)!;
        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        // The store and filter are part of the listing's identity: a token can't continue a different listing.
        var listing = "policies/" + store!.PolicyStoreId + "/"
            + (request.Input.TryGetProperty("filter", out var filterJson) ? Fingerprint.Of(filterJson)[..16] : "*");
        if (Paging.TryRead(listing, input.NextToken, input.MaxResults, Quotas.DefaultPageSize, out var after, out var size) is { } pagingError)
        {
            return pagingError;
        }

        var filter = input.Filter;
        var query = new PolicyQuery(
            filter?.Principal?.Identifier?.ToStored(), filter?.Principal?.Unspecified == true,
            filter?.Resource?.Identifier?.ToStored(), filter?.Resource?.Unspecified == true,
            filter?.PolicyType, filter?.PolicyTemplateId);
        if (query.PolicyTemplateId is { } templateIdOrName && templateIdOrName.StartsWith("name/", StringComparison.Ordinal))
        {
            var template = await storage.Policies.GetTemplateAsync(tenant, store.PolicyStoreId, templateIdOrName, cancellationToken).ConfigureAwait(false);
            if (template is null)
            {
                return VerifiedPermissionsErrors.NotFound(templateIdOrName, ResourceTypes.PolicyTemplate);
            }

            query = query with { PolicyTemplateId = template.PolicyTemplateId };
        }

        var page = await storage.Policies.ListPoliciesAsync(tenant, store.PolicyStoreId, query, after, size, cancellationToken).ConfigureAwait(false);
        var items = page.Items.Select(p => new PolicyItem(
            p.PolicyStoreId, p.PolicyId, p.PolicyType, EntityIdentifier.From(p.Principal), EntityIdentifier.From(p.Resource), Actions(p),
            p.PolicyType == Static
                ? new PolicyDefinitionItem(new StaticPolicyDefinitionItem(p.Description), null)
                : new PolicyDefinitionItem(null, LinkDefinition(p)),
            Timestamps.Format(p.CreatedDate), Timestamps.Format(p.LastUpdatedDate), p.Effect, p.Name)).ToList();
        return AwsResult.Ok(new ListPoliciesOutput(Paging.Next(listing, page.NextPosition), items), s_json.ListPoliciesOutput);
    }

    private async ValueTask<AwsResult> BatchGetAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.BatchGetPolicyInput)!;
        var tenant = PolicyStoreResolver.TenantOf(request);
        var results = new List<BatchGetPolicyOutputItem>();
        var errors = new List<BatchGetPolicyErrorItem>();
        foreach (var item in input.Requests)
        {
            var (store, error) = await resolver.ResolveAsync(tenant, item.PolicyStoreId, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                var alias = item.PolicyStoreId.StartsWith(Arns.AliasPrefix, StringComparison.Ordinal);
                errors.Add(new BatchGetPolicyErrorItem(
                    alias ? "POLICY_STORE_ALIAS_NOT_FOUND" : "POLICY_STORE_NOT_FOUND", item.PolicyStoreId, item.PolicyId,
                    alias ? $"Policy store alias {item.PolicyStoreId} not found." : $"Policy store {item.PolicyStoreId} not found."));
                continue;
            }

            var policy = await storage.Policies.GetPolicyAsync(tenant, store!.PolicyStoreId, item.PolicyId, cancellationToken).ConfigureAwait(false);
            if (policy is null)
            {
                errors.Add(new BatchGetPolicyErrorItem("POLICY_NOT_FOUND", item.PolicyStoreId, item.PolicyId, $"Policy {item.PolicyId} not found."));
                continue;
            }

            results.Add(new BatchGetPolicyOutputItem(
                policy.PolicyStoreId, policy.PolicyId, policy.PolicyType, Definition(policy),
                Timestamps.Format(policy.CreatedDate), Timestamps.Format(policy.LastUpdatedDate), policy.Name));
        }

        return AwsResult.Ok(new BatchGetPolicyOutput(results, errors), s_json.BatchGetPolicyOutput);
    }

    /// <summary>Checks a link against its template (one value per placeholder, no other) and derives its scope.</summary>
    private static AwsError? Link(PolicyTemplateRecord template, TemplateLinkedPolicyDefinition link, out DerivedScope? scope)
    {
        scope = null;
        var parsed = PolicyParser.ParsePolicy(template.Statement, template.PolicyTemplateId).Value!;
        foreach (var (slot, value, member) in new[] { (SlotId.Principal, link.Principal, "principal"), (SlotId.Resource, link.Resource, "resource") })
        {
            var hasSlot = parsed.Slots.Contains(slot);
            if (hasSlot && value is null)
            {
                return VerifiedPermissionsErrors.InvalidField(
                    $"definition.templateLinked.{member}", $"The policy template has the placeholder ?{member}, so the link must give a {member}.");
            }

            if (!hasSlot && value is not null)
            {
                return VerifiedPermissionsErrors.InvalidField(
                    $"definition.templateLinked.{member}", $"The policy template has no placeholder ?{member}, so the link can't give a {member}.");
            }
        }

        scope = PolicyScope.Derive(parsed, link.Principal?.ToStored(), link.Resource?.ToStored());
        return null;
    }

    private static PolicyWriteOutput WriteOutput(PolicyRecord policy) => new(
        policy.PolicyStoreId, policy.PolicyId, policy.PolicyType, EntityIdentifier.From(policy.Principal), EntityIdentifier.From(policy.Resource),
        Actions(policy), Timestamps.Format(policy.CreatedDate), Timestamps.Format(policy.LastUpdatedDate), policy.Effect);

    private static List<ActionIdentifier>? Actions(PolicyRecord policy) => policy.Actions?.Select(ActionIdentifier.From).ToList();

    private static PolicyDefinition Definition(PolicyRecord policy) => policy.PolicyType == Static
        ? new PolicyDefinition(new StaticPolicyDefinition(policy.Description, policy.Statement!), null)
        : new PolicyDefinition(null, LinkDefinition(policy));

    private static TemplateLinkedPolicyDefinition LinkDefinition(PolicyRecord policy) => new(
        policy.PolicyTemplateId!, EntityIdentifier.From(policy.LinkedPrincipal), EntityIdentifier.From(policy.LinkedResource));
}
