using System.Text.Json;
using Verdict.VerifiedPermissions.Common;
using Verdict.VerifiedPermissions.IdentitySources;

namespace Verdict.VerifiedPermissions.Authorization;

/// <summary>
/// Reads the authorization operations' inputs straight from the request's JSON, after the model check has confirmed
/// their types and required members. Entities and context stay elements of the request document (valid while the
/// handler runs), where a deserializer would copy them into documents of their own on every request.
/// </summary>
public static class AuthorizationInputs
{
    public static IsAuthorizedInput IsAuthorized(JsonElement input) => new(
        input.GetProperty("policyStoreId").GetString()!,
        Entity(input, "principal"),
        Action(input),
        Entity(input, "resource"),
        Member(input, "context"),
        Member(input, "entities"));

    public static BatchIsAuthorizedInput BatchIsAuthorized(JsonElement input) => new(
        input.GetProperty("policyStoreId").GetString()!,
        Member(input, "entities"),
        [.. input.GetProperty("requests").EnumerateArray().Select(r => new BatchIsAuthorizedInputItem(Entity(r, "principal"), Action(r), Entity(r, "resource"), Member(r, "context")))]);

    public static IsAuthorizedWithTokenInput IsAuthorizedWithToken(JsonElement input) => new(
        input.GetProperty("policyStoreId").GetString()!,
        Text(input, "identityToken"),
        Text(input, "accessToken"),
        Action(input),
        Entity(input, "resource"),
        Member(input, "context"),
        Member(input, "entities"));

    public static BatchIsAuthorizedWithTokenInput BatchIsAuthorizedWithToken(JsonElement input) => new(
        input.GetProperty("policyStoreId").GetString()!,
        Text(input, "identityToken"),
        Text(input, "accessToken"),
        Member(input, "entities"),
        [.. input.GetProperty("requests").EnumerateArray().Select(r => new BatchIsAuthorizedWithTokenInputItem(Action(r), Entity(r, "resource"), Member(r, "context")))]);

    private static JsonElement? Member(JsonElement input, string name) =>
        input.TryGetProperty(name, out var member) && member.ValueKind != JsonValueKind.Null ? member : null;

    private static string? Text(JsonElement input, string name) => Member(input, name)?.GetString();

    private static EntityIdentifier? Entity(JsonElement input, string name) => Member(input, name) is { } entity
        ? new EntityIdentifier(entity.GetProperty("entityType").GetString()!, entity.GetProperty("entityId").GetString()!)
        : null;

    private static ActionIdentifier? Action(JsonElement input) => Member(input, "action") is { } action
        ? new ActionIdentifier(action.GetProperty("actionType").GetString()!, action.GetProperty("actionId").GetString()!)
        : null;
}
