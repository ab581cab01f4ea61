using System.Text.Json.Nodes;

namespace Verdict.CognitoIdentity.Identities;

/// <summary>
/// One entry of a request's Logins, checked: the provider (the Logins key), the user's id there (<c>sub</c>), the
/// token's claims, and the key role mappings use for it (<c>provider:clientId</c> for a user pool).
/// <see cref="OwnIdentityId"/> is set for a token of Verdict's own identity-pool issuer, which names its identity.
/// </summary>
internal sealed record VerifiedLogin(string Provider, string Subject, JsonObject Claims, string RoleMappingKey, string? OwnIdentityId = null);
