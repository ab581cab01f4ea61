using System.Globalization;
using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Clients;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;

namespace Verdict.CognitoIdentityProvider.Tokens;

/// <summary>
/// Issues Cognito's three tokens. ID and access tokens are RS256 JWTs with Cognito's claims, each signed with its own
/// pool key; the refresh token is opaque and only its SHA-256 is stored, in the session all three belong to.
/// </summary>
public sealed class TokenIssuer(ICognitoStorage storage, SigningKeyCache keys, IssuerResolver issuer, TimeProvider time)
{
    /// <summary>A first sign-in: opens a session and returns all three tokens.</summary>
    public async ValueTask<JsonObject> SignInAsync(UserPoolRecord pool, UserPoolClientRecord client, UserRecord user, CancellationToken cancellationToken)
    {
        var now = Truncate(time.GetUtcNow());
        var refreshToken = Identifiers.NewOpaqueToken(64);
        var session = new AuthSessionRecord(
            Guid.NewGuid().ToString(), pool.UserPoolId, client.ClientId, user.Username, Identifiers.HashToken(refreshToken), now,
            now + ClientSettings.RefreshTokenValidity(client.Config), Revoked: false);
        await storage.CreateAuthSessionAsync(session, cancellationToken).ConfigureAwait(false);
        var result = await TokensAsync(pool, client, user, session, now, cancellationToken).ConfigureAwait(false);
        result["RefreshToken"] = refreshToken;
        return result;
    }

    /// <summary>A refresh: new ID and access tokens in the same session (same origin_jti and auth_time), no new refresh token.</summary>
    public ValueTask<JsonObject> RefreshAsync(UserPoolRecord pool, UserPoolClientRecord client, UserRecord user, AuthSessionRecord session, CancellationToken cancellationToken) =>
        TokensAsync(pool, client, user, session, Truncate(time.GetUtcNow()), cancellationToken);

    private async ValueTask<JsonObject> TokensAsync(
        UserPoolRecord pool, UserPoolClientRecord client, UserRecord user, AuthSessionRecord session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var poolKeys = await keys.GetAsync(pool.UserPoolId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"User pool {pool.UserPoolId} has no signing keys.");
        var groups = (await storage.ListGroupsForUserAsync(pool.UserPoolId, user.Username, cancellationToken).ConfigureAwait(false))
            .OrderBy(g => g.Precedence ?? int.MaxValue).ThenBy(g => g.GroupName, StringComparer.Ordinal).ToList();
        var iss = issuer.IssuerFor(pool.UserPoolId);
        var eventId = Guid.NewGuid().ToString();
        var authTime = session.AuthTime.ToUnixTimeSeconds();
        var iat = now.ToUnixTimeSeconds();
        var accessValidity = ClientSettings.AccessTokenValidity(client.Config);

        var id = new JsonObject { ["sub"] = user.Sub };
        if (groups.Count > 0)
        {
            id["cognito:groups"] = GroupNames(groups);
            var roles = groups.Where(g => g.RoleArn is not null).Select(g => g.RoleArn!).Distinct(StringComparer.Ordinal).ToList();
            if (roles.Count > 0)
            {
                id["cognito:preferred_role"] = groups.First(g => g.RoleArn is not null).RoleArn;
                id["cognito:roles"] = new JsonArray([.. roles.Select(r => (JsonNode?)JsonValue.Create(r))]);
            }
        }

        var readable = client.Config["ReadAttributes"] is JsonArray { Count: > 0 } read
            ? read.Select(n => n.AsString()!).ToHashSet(StringComparer.Ordinal)
            : null;
        foreach (var verified in (string[])["email_verified", "phone_number_verified"])
        {
            if (user.Attribute(verified) is { } flag && (readable is null || readable.Contains(verified)))
            {
                id[verified] = flag == "true";
            }
        }

        id["iss"] = iss;
        id["cognito:username"] = user.Username;
        id["origin_jti"] = session.OriginJti;
        id["aud"] = client.ClientId;
        id["event_id"] = eventId;
        id["token_use"] = "id";
        id["auth_time"] = authTime;
        foreach (var (name, value) in user.Attributes)
        {
            if (name is "sub" or "email_verified" or "phone_number_verified" || (readable is not null && !readable.Contains(name)))
            {
                continue;
            }

            id[name] = name == "updated_at" && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : JsonValue.Create(value);
        }

        id["exp"] = (now + ClientSettings.IdTokenValidity(client.Config)).ToUnixTimeSeconds();
        id["iat"] = iat;
        id["jti"] = Guid.NewGuid().ToString();

        var access = new JsonObject { ["sub"] = user.Sub };
        if (groups.Count > 0)
        {
            access["cognito:groups"] = GroupNames(groups);
        }

        access["iss"] = iss;
        access["client_id"] = client.ClientId;
        access["origin_jti"] = session.OriginJti;
        access["event_id"] = eventId;
        access["token_use"] = "access";
        access["scope"] = "aws.cognito.signin.user.admin";
        access["auth_time"] = authTime;
        access["exp"] = (now + accessValidity).ToUnixTimeSeconds();
        access["iat"] = iat;
        access["jti"] = Guid.NewGuid().ToString();
        access["username"] = user.Username;

        return new JsonObject
        {
            ["AccessToken"] = Jwt.Sign(access, poolKeys.AccessTokenKid, poolKeys.AccessTokenKey),
            ["ExpiresIn"] = (int)accessValidity.TotalSeconds,
            ["TokenType"] = "Bearer",
            ["IdToken"] = Jwt.Sign(id, poolKeys.IdTokenKid, poolKeys.IdTokenKey),
        };
    }

    private static JsonArray GroupNames(List<GroupRecord> groups) => new([.. groups.Select(g => (JsonNode?)JsonValue.Create(g.GroupName))]);

    /// <summary>JWT times are whole seconds; the session keeps the same instant so auth_time never drifts.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset value) => DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());
}
