using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Tokens;

namespace Verdict.VerifiedPermissions.IdentitySources;

/// <summary>
/// Checks the tokens of a token authorization against an identity source with the shared <see cref="JwtVerifier"/>,
/// and remembers each verified token (by the token and what it was checked against) until it expires,
/// so a token presented again costs no signature verification. AVP itself treats a token as valid until it expires
/// (revocation is not checked), so the cache changes no answer.
/// </summary>
public sealed class IdentitySourceTokenVerifier(JwtVerifier verifier, TimeProvider time)
{
    /// <summary>Beyond this many remembered tokens the cache is emptied, which bounds its memory.</summary>
    public const int MaxCachedTokens = 10_000;

    // The claims are kept as text and parsed per use: JsonNode trees materialize lazily and are not safe to share
    // between concurrent requests.
    private readonly ConcurrentDictionary<string, (VerifiedToken Token, string Claims, DateTimeOffset Expires)> _verified = new(StringComparer.Ordinal);
    private long _signatureChecks;

    /// <summary>Tokens sent to <see cref="JwtVerifier"/> so far (cache misses), for tests and diagnostics.</summary>
    public long Verifications => Interlocked.Read(ref _signatureChecks);

    /// <summary>The expectations of an identity source for one kind of token. OIDC tokens often carry no <c>token_use</c>, so it is checked by <see cref="CheckTokenUse"/>.</summary>
    public static TokenExpectations ExpectationsFor(IdentitySourceSettings settings, bool accessToken) => new(
        settings.Issuer,
        accessToken ? settings.AccessTokenAudiences : settings.IdentityTokenAudiences,
        // Cognito access tokens name their client in client_id. For Cognito ID tokens it changes nothing (they all have
        // aud), except that an access token passed as the identityToken is then refused for its token_use, the clearer reason.
        AllowClientIdAsAudience: accessToken || settings.Kind == IdentitySourceKind.CognitoUserPool,
        RequiredTokenUse: settings.Kind == IdentitySourceKind.CognitoUserPool ? (accessToken ? "access" : "id") : null);

    /// <summary>For OIDC sources: a <c>token_use</c> claim, when the token has one, must name the parameter it was passed in.</summary>
    public static string? CheckTokenUse(JsonObject claims, bool accessToken)
    {
        var expected = accessToken ? "access" : "id";
        return claims["token_use"] is JsonValue use && use.GetValueKind() == JsonValueKind.String && use.GetValue<string>() != expected
            ? $"the token is not an {expected} token (token_use)"
            : null;
    }

    public async ValueTask<TokenVerification> VerifyAsync(string token, TokenExpectations expectations, CancellationToken cancellationToken)
    {
        var key = CacheKey(token, expectations);
        var now = time.GetUtcNow();
        if (_verified.TryGetValue(key, out var cached))
        {
            if (now < cached.Expires)
            {
                return new TokenVerification(cached.Token with { Claims = JsonNode.Parse(cached.Claims)!.AsObject() }, null);
            }

            _verified.TryRemove(key, out _);
        }

        Interlocked.Increment(ref _signatureChecks);
        var verification = await verifier.VerifyAsync(token, expectations, cancellationToken).ConfigureAwait(false);
        if (verification.Token is { } verified && ExpiresAt(verified.Claims) is { } expires)
        {
            if (_verified.Count >= MaxCachedTokens)
            {
                _verified.Clear();
            }

            _verified[key] = (verified, verified.Claims.ToJsonString(), expires);
        }

        return verification;
    }

    /// <summary>When a verified token expires (its numeric <c>exp</c>); null without one, and then nothing may remember it.</summary>
    public static DateTimeOffset? ExpiresAt(JsonObject claims) =>
        claims["exp"] is JsonValue exp && exp.TryGetValue<double>(out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Clamp(seconds * 1000, 0, 253402300799000))
            : null;

    private static string CacheKey(string token, TokenExpectations expectations)
    {
        var text = new StringBuilder(token.Length + 256);
        text.Append(token).Append('\n').Append(expectations.Issuer).Append('\n').Append(expectations.AllowClientIdAsAudience)
            .Append('\n').Append(expectations.RequiredTokenUse);
        foreach (var audience in expectations.Audiences ?? [])
        {
            text.Append('\n').Append(audience);
        }

        // The key holds the token itself: the cache is bounded in entries, and a digest would cost more than the lookup.
        return text.ToString();
    }
}
