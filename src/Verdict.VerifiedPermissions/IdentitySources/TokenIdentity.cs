using System.Text.Json.Nodes;

namespace Verdict.VerifiedPermissions.IdentitySources;

/// <summary>What verified tokens say about their user, in Cedar terms.</summary>
/// <param name="PrincipalType">The identity source's principal entity type.</param>
/// <param name="PrincipalId"><c>&lt;userPoolId&gt;|&lt;sub&gt;</c> (Cognito) or <c>&lt;entityIdPrefix&gt;|&lt;claim&gt;</c> (OIDC).</param>
/// <param name="GroupType">The type of the group parents (null when the source maps no groups).</param>
/// <param name="GroupIds">The ids of the principal's group parents, prefixed like the principal id.</param>
/// <param name="PrincipalAttributes">Cedar entity-JSON attributes from the ID token's claims; null without an ID token.</param>
/// <param name="TokenContext">Cedar JSON for <c>context.token</c> from the access token's claims; null without an access token.</param>
public sealed record TokenIdentity(
    string PrincipalType,
    string PrincipalId,
    string? GroupType,
    IReadOnlyList<string> GroupIds,
    JsonObject? PrincipalAttributes,
    JsonObject? TokenContext);
