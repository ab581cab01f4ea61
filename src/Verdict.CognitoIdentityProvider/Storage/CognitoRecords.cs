using System.Text.Json.Nodes;

namespace Verdict.CognitoIdentityProvider.Storage;

/// <summary>A user pool. <see cref="Config"/> holds the settings echoed by DescribeUserPool (policies, schema, …).</summary>
public sealed record UserPoolRecord(
    string Account, string Region, string UserPoolId, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, JsonObject Config);

/// <summary>An app client. <see cref="Config"/> holds the settings echoed by DescribeUserPoolClient.</summary>
public sealed record UserPoolClientRecord(
    string UserPoolId, string ClientId, string Name, string? Secret, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, JsonObject Config);

/// <summary>
/// A user. <see cref="Attributes"/> keeps insertion order (it is echoed in that order); <c>sub</c> is one of them.
/// <see cref="PasswordHash"/> is a PBKDF2 record (never the password); <see cref="ConfirmationCodeHash"/> likewise.
/// </summary>
public sealed record UserRecord(
    string UserPoolId,
    string Username,
    string Sub,
    bool Enabled,
    string Status,
    string? PasswordHash,
    DateTimeOffset? PasswordExpiresAt,
    string? ConfirmationCodeHash,
    DateTimeOffset? ConfirmationCodeExpiresAt,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public string? Attribute(string name)
    {
        foreach (var (key, value) in Attributes)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }
}

public sealed record GroupRecord(
    string UserPoolId, string GroupName, string? Description, string? RoleArn, int? Precedence, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// A sign-in session: one refresh token (stored as its SHA-256) and every token issued from it, which carry
/// <see cref="OriginJti"/>. Revoking the session revokes them all.
/// </summary>
public sealed record AuthSessionRecord(
    string OriginJti,
    string UserPoolId,
    string ClientId,
    string Username,
    string RefreshTokenHash,
    DateTimeOffset AuthTime,
    DateTimeOffset ExpiresAt,
    bool Revoked);

/// <summary>A pending challenge (NEW_PASSWORD_REQUIRED), keyed by the SHA-256 of the opaque Session string.</summary>
public sealed record ChallengeRecord(string SessionHash, string UserPoolId, string ClientId, string Username, string ChallengeName, DateTimeOffset ExpiresAt);

/// <summary>A pool's RSA signing key; <see cref="Use"/> is <c>id</c> or <c>access</c> (Cognito signs each token type with its own key).</summary>
public sealed record SigningKeyRecord(string UserPoolId, string Kid, string Use, byte[] PrivateKeyPkcs8, DateTimeOffset CreatedAt);
