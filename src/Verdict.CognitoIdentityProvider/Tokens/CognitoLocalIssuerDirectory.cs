using System.Runtime.CompilerServices;
using System.Text;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.Tokens;

namespace Verdict.CognitoIdentityProvider.Tokens;

/// <summary>
/// Verdict's own user pools as token issuers for <see cref="JwtVerifier"/>: a pool answers to its Verdict issuer
/// (<c>&lt;public-url&gt;/&lt;poolId&gt;</c>) and to the AWS form (<c>https://cognito-idp.&lt;region&gt;.amazonaws.com/&lt;poolId&gt;</c>),
/// and its keys come from storage, never from the network.
/// </summary>
public sealed class CognitoLocalIssuerDirectory(ICognitoStorage storage, SigningKeyCache keys, IssuerResolver issuers) : ILocalIssuerDirectory
{
    // Pool keys never change for the life of a pool, so the public set is derived once per loaded key object.
    private readonly ConditionalWeakTable<PoolSigningKeys, JsonWebKeySet> _publicKeys = [];

    public static string AwsIssuerFor(string region, string userPoolId) => $"https://cognito-idp.{region}.amazonaws.com/{userPoolId}";

    public async ValueTask<LocalIssuer?> FindAsync(string issuer, CancellationToken cancellationToken)
    {
        var slash = issuer.LastIndexOf('/');
        if (slash < 0 || slash == issuer.Length - 1)
        {
            return null;
        }

        var poolId = issuer[(slash + 1)..];
        var pool = await storage.FindUserPoolAsync(poolId, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return null;
        }

        var verdictIssuer = issuers.IssuerFor(pool.UserPoolId);
        var awsIssuer = AwsIssuerFor(pool.Region, pool.UserPoolId);
        if (issuer != verdictIssuer && issuer != awsIssuer)
        {
            return null;
        }

        var poolKeys = await keys.GetAsync(pool.UserPoolId, cancellationToken).ConfigureAwait(false);
        if (poolKeys is null)
        {
            return null;
        }

        var publicKeys = _publicKeys.GetValue(poolKeys, static k =>
            JsonWebKeySet.Parse(Encoding.UTF8.GetBytes(k.ToJwks().ToJsonString()), out var error)
                ?? throw new InvalidOperationException($"User pool {k.UserPoolId} publishes an unreadable JWKS: {error}"));
        return new LocalIssuer(pool.UserPoolId, pool.Account, pool.Region, verdictIssuer, awsIssuer, publicKeys);
    }
}
