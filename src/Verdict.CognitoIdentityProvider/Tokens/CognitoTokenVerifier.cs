using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;

namespace Verdict.CognitoIdentityProvider.Tokens;

/// <summary>A token Verdict issued, checked: its pool, its <c>token_use</c> (<c>id</c> or <c>access</c>) and its claims.</summary>
public sealed record VerifiedCognitoToken(UserPoolRecord Pool, string TokenUse, JsonObject Claims);

/// <summary>Why a token was refused.</summary>
public enum CognitoTokenFailure
{
    None,

    /// <summary>Not a JWT, not RS256, unknown pool or key, or the signature does not verify.</summary>
    Invalid,

    /// <summary>Signed correctly but past <c>exp</c>.</summary>
    Expired,
}

/// <summary>
/// Verifies an ID or access token issued by one of Verdict's own user pools, for callers inside the server (such as
/// IsAuthorizedWithToken): RS256 signature with the pool key its <c>kid</c> names, the pool from <c>iss</c>, and
/// <c>exp</c>. Revocation is deliberately not checked here: AWS services that accept Cognito tokens (Verified
/// Permissions among them) trust a token until it expires; GetUser and GlobalSignOut add the revocation check.
/// </summary>
public sealed class CognitoTokenVerifier(ICognitoStorage storage, SigningKeyCache keys, TimeProvider time)
{
    public async ValueTask<(VerifiedCognitoToken? Token, CognitoTokenFailure Failure)> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        if (Jwt.Decode(token) is not { } decoded)
        {
            return (null, CognitoTokenFailure.Invalid);
        }

        var (kid, claims) = decoded;
        var iss = claims["iss"].AsString();
        var poolId = iss?[(iss.LastIndexOf('/') + 1)..];
        if (string.IsNullOrEmpty(poolId))
        {
            return (null, CognitoTokenFailure.Invalid);
        }

        var pool = await storage.FindUserPoolAsync(poolId, cancellationToken).ConfigureAwait(false);
        var poolKeys = pool is null ? null : await keys.GetAsync(pool.UserPoolId, cancellationToken).ConfigureAwait(false);
        var tokenUse = claims["token_use"].AsString();
        var expectedKid = tokenUse switch
        {
            "id" => poolKeys?.IdTokenKid,
            "access" => poolKeys?.AccessTokenKid,
            _ => null,
        };
        if (pool is null || expectedKid != kid || poolKeys!.Find(kid) is not { } key || !Jwt.VerifySignature(token, key))
        {
            return (null, CognitoTokenFailure.Invalid);
        }

        if (claims["exp"].AsLong() is not { } exp || exp <= time.GetUtcNow().ToUnixTimeSeconds())
        {
            return (null, CognitoTokenFailure.Expired);
        }

        return (new VerifiedCognitoToken(pool, tokenUse!, claims), CognitoTokenFailure.None);
    }
}
