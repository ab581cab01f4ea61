using System.Text.Json;
using Cedar.Ast;
using Cedar.Authorization;
using Cedar.Entities;
using Cedar.Json;
using Verdict.Protocol;
using Verdict.Storage;
using Verdict.VerifiedPermissions.Common;
using CedarRequest = Cedar.Authorization.Request;

namespace Verdict.VerifiedPermissions.Authorization;

/// <summary>
/// IsAuthorized and BatchIsAuthorized over the store's compiled policy set. Entities and context may come in AVP's
/// typed form or as Cedar JSON; with a schema they are read against it and the schema's action entities are added.
/// </summary>
public sealed class AuthorizationOperations(PolicyStoreResolver resolver, CompiledPolicyStores compiledStores)
{
    private static readonly VerifiedPermissionsJson s_json = VerifiedPermissionsJson.Default;

    public void Register(OperationTable table) => table
        .Add("IsAuthorized", IsAuthorizedAsync)
        .Add("BatchIsAuthorized", BatchIsAuthorizedAsync);

    private async ValueTask<AwsResult> IsAuthorizedAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.IsAuthorizedInput)!;
        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var compiled = await compiledStores.GetAsync(store!, cancellationToken).ConfigureAwait(false);
        if (compiled is null)
        {
            return VerifiedPermissionsErrors.NotFound(input.PolicyStoreId, ResourceTypes.PolicyStore);
        }

        if (ReadEntities(input.Entities, compiled, out var entities) is { } badEntities)
        {
            return badEntities;
        }

        if (AuthorizationRequests.TryRead(input.Principal, input.Action, input.Resource, input.Context, compiled.Schema, "", out var cedarRequest) is { } badRequest)
        {
            return badRequest;
        }

        var response = Authorizer.IsAuthorized(cedarRequest, compiled.Policies, entities);
        return AwsResult.Ok(new IsAuthorizedOutput(DecisionName(response), Determining(response), Errors(response)), s_json.IsAuthorizedOutput);
    }

    private async ValueTask<AwsResult> BatchIsAuthorizedAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.BatchIsAuthorizedInput)!;
        if (input.Requests.Count > Quotas.BatchIsAuthorizedRequests)
        {
            return VerifiedPermissionsErrors.InvalidField(
                "requests", $"Value at 'requests' failed to satisfy constraint: Member must have length less than or equal to {Quotas.BatchIsAuthorizedRequests}");
        }

        // AVP's rule: every request of a batch shares its principal, or every request shares its resource.
        var samePrincipal = input.Requests.All(r => r.Principal == input.Requests[0].Principal);
        var sameResource = input.Requests.All(r => r.Resource == input.Requests[0].Resource);
        if (!samePrincipal && !sameResource)
        {
            return VerifiedPermissionsErrors.InvalidField(
                "requests", "The requests of a batch must all have the same principal or all have the same resource.");
        }

        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var compiled = await compiledStores.GetAsync(store!, cancellationToken).ConfigureAwait(false);
        if (compiled is null)
        {
            return VerifiedPermissionsErrors.NotFound(input.PolicyStoreId, ResourceTypes.PolicyStore);
        }

        if (ReadEntities(input.Entities, compiled, out var entities) is { } badEntities)
        {
            return badEntities;
        }

        if (CheckBatchEntities(input.Requests, entities) is { } tooMany)
        {
            return tooMany;
        }

        var requestJson = request.Input.GetProperty("requests");
        var results = new List<BatchIsAuthorizedOutputItem>(input.Requests.Count);
        for (var i = 0; i < input.Requests.Count; i++)
        {
            var item = input.Requests[i];
            if (AuthorizationRequests.TryRead(item.Principal, item.Action, item.Resource, item.Context, compiled.Schema, $"requests[{i}].", out var cedarRequest) is { } badRequest)
            {
                return badRequest;
            }

            var response = Authorizer.IsAuthorized(cedarRequest, compiled.Policies, entities);
            results.Add(new BatchIsAuthorizedOutputItem(requestJson[i].Clone(), DecisionName(response), Determining(response), Errors(response)));
        }

        return AwsResult.Ok(new BatchIsAuthorizedOutput(results), s_json.BatchIsAuthorizedOutput);
    }

    private static AwsError? ReadEntities(JsonElement? definition, CompiledPolicyStore compiled, out EntityStore entities)
    {
        entities = EntityStore.Empty;
        if (!AvpEntities.TryReadEntities(definition, out var json, out var invalid))
        {
            return VerifiedPermissionsErrors.InvalidField("entities", "The entities are not valid: " + invalid);
        }

        var parsed = EntityJson.ParseEntities(json, compiled.Schema);
        if (!parsed.Success)
        {
            return VerifiedPermissionsErrors.InvalidField("entities", "The entities are not valid: " + string.Join("; ", parsed.Errors.Select(e => e.Message)));
        }

        entities = parsed.Value!;
        return null;
    }

    /// <summary>
    /// AVP's batch limit: the entities may hold at most 100 principals and 100 resources. An entity counts as a
    /// principal when its type is the type of a request's principal, and as a resource when its type is the type of a
    /// request's resource (an entity can be both); other entities (groups, parents) are not limited.
    /// </summary>
    private static AwsError? CheckBatchEntities(IReadOnlyList<BatchIsAuthorizedInputItem> requests, EntityStore entities)
    {
        var principalTypes = requests.Where(r => r.Principal is not null).Select(r => r.Principal!.EntityType).ToHashSet(StringComparer.Ordinal);
        var resourceTypes = requests.Where(r => r.Resource is not null).Select(r => r.Resource!.EntityType).ToHashSet(StringComparer.Ordinal);
        var principals = 0;
        var resources = 0;
        foreach (var entity in entities.Entities)
        {
            var type = entity.Uid.Type.FullName;
            principals += principalTypes.Contains(type) ? 1 : 0;
            resources += resourceTypes.Contains(type) ? 1 : 0;
        }

        foreach (var (count, kind) in new[] { (principals, "principals"), (resources, "resources") })
        {
            if (count > Quotas.BatchIsAuthorizedEntitiesPerKind)
            {
                return VerifiedPermissionsErrors.InvalidField(
                    "entities",
                    $"The entities of a batch may include at most {Quotas.BatchIsAuthorizedEntitiesPerKind} principals and {Quotas.BatchIsAuthorizedEntitiesPerKind} resources; these include {count} {kind}.");
            }
        }

        return null;
    }

    private static string DecisionName(Response response) => response.Decision == Decision.Allow ? "ALLOW" : "DENY";

    private static List<DeterminingPolicyItem> Determining(Response response) =>
        [.. response.DeterminingPolicies.Select(id => new DeterminingPolicyItem(id))];

    private static List<EvaluationErrorItem> Errors(Response response) =>
        [.. response.Errors.Select(e => new EvaluationErrorItem($"error while evaluating policy `{e.PolicyId}`: {e.Message}"))];
}
