using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.CognitoIdentity.Common;
using Verdict.CognitoIdentity.Pools;
using Verdict.CognitoIdentity.Storage;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.Protocol;

namespace Verdict.CognitoIdentity.Roles;

/// <summary>SetIdentityPoolRoles, GetIdentityPoolRoles, SetPrincipalTagAttributeMap and GetPrincipalTagAttributeMap.</summary>
internal sealed class RoleOperations(IdentityPoolStore store)
{
    public const string PrincipalTagMapsKey = "PrincipalTagMaps";

    /// <summary>The RBAC rule quota per provider (the model allows 400; the service quota is 25 and not adjustable).</summary>
    public const int MaxRulesPerMapping = 25;

    public void Register(OperationTable table)
    {
        table.Add("SetIdentityPoolRoles", SetRolesAsync);
        table.Add("GetIdentityPoolRoles", GetRolesAsync);
        table.Add("SetPrincipalTagAttributeMap", SetTagMapAsync);
        table.Add("GetPrincipalTagAttributeMap", GetTagMapAsync);
    }

    private async ValueTask<AwsResult> SetRolesAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var id = input.String("IdentityPoolId")!;
        var roles = Clone(input.Object("Roles")) ?? [];
        var mappings = Clone(input.Object("RoleMappings")) ?? [];
        foreach (var (provider, node) in mappings)
        {
            var mapping = node!.AsObject();
            var type = mapping["Type"]!.GetValue<string>();
            if (mapping["AmbiguousRoleResolution"] is null)
            {
                return IdentityErrors.InvalidParameter($"AmbiguousRoleResolution must be specified for the {type} role mapping of {provider}.");
            }

            var rules = mapping["RulesConfiguration"]?["Rules"] as JsonArray;
            if (type == "Rules" && rules is null)
            {
                return IdentityErrors.InvalidParameter($"RulesConfiguration must be specified for the Rules role mapping of {provider}.");
            }

            if (rules is { Count: > MaxRulesPerMapping })
            {
                return IdentityErrors.InvalidParameter($"The role mapping of {provider} has {rules.Count} rules; at most {MaxRulesPerMapping} are allowed.");
            }
        }

        return await store.WriteAsync<AwsResult>(session =>
        {
            if (PoolAccess.Visible(session, request.Caller, id) is not { } pool)
            {
                return PoolAccess.NotFound(id);
            }

            var config = pool.Config.DeepClone().AsObject();
            config[RoleResolver.RolesKey] = roles;
            config[RoleResolver.RoleMappingsKey] = mappings;
            session.UpdatePool(pool with { UpdatedAt = request.ReceivedAt, Config = config });
            return AwsResult.Empty();
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<AwsResult> GetRolesAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var id = request.Input.String("IdentityPoolId")!;
        var pool = await store.ReadAsync(session => PoolAccess.Visible(session, request.Caller, id), cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return PoolAccess.NotFound(id);
        }

        var output = new JsonObject
        {
            ["IdentityPoolId"] = pool.IdentityPoolId,
            ["Roles"] = pool.Config[RoleResolver.RolesKey]?.DeepClone() ?? new JsonObject(),
        };
        if (pool.Config[RoleResolver.RoleMappingsKey] is JsonObject { Count: > 0 } mappings)
        {
            output["RoleMappings"] = mappings.DeepClone();
        }

        return IdentityJson.Ok(output);
    }

    private async ValueTask<AwsResult> SetTagMapAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var id = input.String("IdentityPoolId")!;
        var provider = input.String("IdentityProviderName")!;
        var map = new JsonObject
        {
            ["UseDefaults"] = input.Bool("UseDefaults") ?? false,
            ["PrincipalTags"] = Clone(input.Object("PrincipalTags")) ?? [],
        };
        return await store.WriteAsync<AwsResult>(session =>
        {
            if (PoolAccess.Visible(session, request.Caller, id) is not { } pool)
            {
                return PoolAccess.NotFound(id);
            }

            var config = pool.Config.DeepClone().AsObject();
            var maps = config[PrincipalTagMapsKey] as JsonObject ?? [];
            maps[provider] = map.DeepClone();
            config[PrincipalTagMapsKey] = maps;
            session.UpdatePool(pool with { UpdatedAt = request.ReceivedAt, Config = config });
            return IdentityJson.Ok(TagMapOutput(pool.IdentityPoolId, provider, map));
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<AwsResult> GetTagMapAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var id = request.Input.String("IdentityPoolId")!;
        var provider = request.Input.String("IdentityProviderName")!;
        var pool = await store.ReadAsync(session => PoolAccess.Visible(session, request.Caller, id), cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return PoolAccess.NotFound(id);
        }

        var map = TagMap(pool, provider) ?? new JsonObject { ["UseDefaults"] = false, ["PrincipalTags"] = new JsonObject() };
        return IdentityJson.Ok(TagMapOutput(pool.IdentityPoolId, provider, map));
    }

    /// <summary>The principal-tag map set for a provider, or null.</summary>
    public static JsonObject? TagMap(IdentityPoolRecord pool, string provider) =>
        (pool.Config[PrincipalTagMapsKey] as JsonObject)?[provider] as JsonObject;

    private static JsonObject TagMapOutput(string poolId, string provider, JsonObject map) => new()
    {
        ["IdentityPoolId"] = poolId,
        ["IdentityProviderName"] = provider,
        ["UseDefaults"] = map["UseDefaults"]?.DeepClone(),
        ["PrincipalTags"] = map["PrincipalTags"]?.DeepClone(),
    };

    private static JsonObject? Clone(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } value ? JsonNode.Parse(value.GetRawText())!.AsObject() : null;
}
