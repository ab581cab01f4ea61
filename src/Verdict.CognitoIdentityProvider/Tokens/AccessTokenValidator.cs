using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.Protocol;

namespace Verdict.CognitoIdentityProvider.Tokens;

/// <summary>
/// Checks an access token presented to GetUser or GlobalSignOut: our signature, token_use=access, not expired, and its
/// session (origin_jti) not revoked by a sign-out, a revocation or the user's deletion or deactivation.
/// </summary>
public sealed class AccessTokenValidator(ICognitoStorage storage, SigningKeyCache keys, TimeProvider time)
{
    public async ValueTask<(UserPoolRecord? Pool, UserRecord? User, AuthSessionRecord? Session, AwsError? Error)> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var invalid = CognitoErrors.NotAuthorized("Invalid Access Token");
        if (Jwt.Decode(token) is not { } decoded)
        {
            return (null, null, null, invalid);
        }

        var (kid, claims) = decoded;

        var iss = Text(claims, "iss");
        var poolId = iss?[(iss.LastIndexOf('/') + 1)..];
        if (string.IsNullOrEmpty(poolId))
        {
            return (null, null, null, invalid);
        }

        var pool = await storage.FindUserPoolAsync(poolId, cancellationToken).ConfigureAwait(false);
        var poolKeys = pool is null ? null : await keys.GetAsync(pool.UserPoolId, cancellationToken).ConfigureAwait(false);
        if (pool is null || poolKeys?.Find(kid) is not { } key || kid != poolKeys.AccessTokenKid || !Jwt.VerifySignature(token, key) || Text(claims, "token_use") != "access")
        {
            return (null, null, null, invalid);
        }

        if (claims["exp"].AsLong() is not { } exp || exp <= time.GetUtcNow().ToUnixTimeSeconds())
        {
            return (null, null, null, CognitoErrors.NotAuthorized("Access Token has expired"));
        }

        var session = Text(claims, "origin_jti") is { } originJti ? await storage.GetAuthSessionAsync(originJti, cancellationToken).ConfigureAwait(false) : null;
        if (session is null || session.Revoked)
        {
            return (null, null, null, CognitoErrors.NotAuthorized("Access Token has been revoked"));
        }

        var user = await storage.GetUserAsync(pool.UserPoolId, session.Username, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return (null, null, null, CognitoErrors.UserNotFound());
        }

        if (!user.Enabled)
        {
            return (null, null, null, CognitoErrors.NotAuthorized("User is disabled."));
        }

        return (pool, user, session, null);
    }

    private static string? Text(JsonObject claims, string name) =>
        claims[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
