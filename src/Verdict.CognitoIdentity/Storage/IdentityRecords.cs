using System.Text.Json.Nodes;

namespace Verdict.CognitoIdentity.Storage;

/// <summary>
/// An identity pool. <see cref="Config"/> holds the pool as the API shows it (<c>IdentityPool</c>, without its id and
/// name) plus <c>Roles</c>, <c>RoleMappings</c> and <c>PrincipalTagMaps</c>.
/// </summary>
public sealed record IdentityPoolRecord(
    string IdentityPoolId, string Account, string Region, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, JsonObject Config);

/// <summary>An identity. A disabled identity lost all its logins (unlinked or merged away) and can no longer be used.</summary>
public sealed record IdentityRecord(string IdentityId, string IdentityPoolId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Enabled);

/// <summary>
/// One login linked to an identity: the provider (a Logins key or the pool's developer provider name) and the user's
/// id at that provider (the token's <c>sub</c>, or the developer user identifier).
/// </summary>
public sealed record LoginRecord(string IdentityPoolId, string Provider, string Subject, string IdentityId, DateTimeOffset LinkedAt);

/// <summary>The private key Verdict's identity-pool issuer signs OpenID tokens with.</summary>
public sealed record IssuerKeyRecord(string Kid, byte[] PrivateKeyPkcs8, DateTimeOffset CreatedAt);
