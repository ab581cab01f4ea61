using System.Text.Json;
using System.Text.Json.Nodes;
using Cedar.Json;

namespace Verdict.VerifiedPermissions.IdentitySources;

/// <summary>
/// A <see cref="TokenIdentity"/> with its attributes and token context as immutable Cedar JSON trees: safe to share
/// between concurrent requests, so the requests that present the same tokens map their claims once.
/// </summary>
public sealed record TokenPrincipal(
    string PrincipalType,
    string PrincipalId,
    string? GroupType,
    IReadOnlyList<string> GroupIds,
    SpannedJson? PrincipalAttributes,
    SpannedJson? TokenContext)
{
    public static TokenPrincipal From(TokenIdentity identity) => new(
        identity.PrincipalType,
        identity.PrincipalId,
        identity.GroupType,
        identity.GroupIds,
        identity.PrincipalAttributes is { } attributes ? FromNode(attributes) : null,
        identity.TokenContext is { } context ? FromNode(context) : null);

    /// <summary>Claim-derived JSON (a <see cref="JsonNode"/> tree from the token) as the tree Cedar's readers take.</summary>
    public static SpannedJson FromNode(JsonNode? node) => node switch
    {
        null => SpannedJson.FromNull(),
        JsonObject obj => SpannedJson.FromMembers([.. obj.Select(m => new KeyValuePair<string, SpannedJson>(m.Key, FromNode(m.Value)))]),
        JsonArray array => SpannedJson.FromArray([.. array.Select(FromNode)]),
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => SpannedJson.FromString(node.GetValue<string>()),
            JsonValueKind.Number => SpannedJson.FromNumberLiteral(node.ToJsonString()),
            JsonValueKind.True => SpannedJson.FromBool(true),
            JsonValueKind.False => SpannedJson.FromBool(false),
            _ => SpannedJson.FromNull(),
        },
    };
}
