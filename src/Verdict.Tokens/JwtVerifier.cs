using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verdict.Tokens;

/// <summary>
/// Verifies a compact JWS token: structure, algorithm (public-key algorithms only), issuer, key, signature, expiry,
/// not-before, audience and token use, in that order; the first failed check is reported. Keys are looked up for the
/// expected issuer, never for whatever the token claims, so a token cannot make Verdict fetch arbitrary URLs.
/// Singleton, thread-safe.
/// </summary>
public sealed class JwtVerifier(IssuerKeyResolver keys, TimeProvider time, TokenVerifierOptions options)
{
    private static readonly JsonDocumentOptions s_strict = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    public async ValueTask<TokenVerification> VerifyAsync(string token, TokenExpectations expectations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(expectations.Issuer);

        if (Decode(token, options.MaxTokenLength, out var decoded) is { } malformed)
        {
            return malformed;
        }

        var (header, claims, signingInput, signature) = decoded;
        if (CheckAlgorithm(header, out var algorithm) is { } badAlgorithm)
        {
            return badAlgorithm;
        }

        string? kid = null;
        if (header.TryGetPropertyValue("kid", out var kidNode) && !TryString(kidNode, out kid))
        {
            return TokenVerification.Fail(TokenCheck.Malformed, "the token header's kid is not a string");
        }

        if (!claims.TryGetPropertyValue("iss", out var issNode) || !TryString(issNode, out var iss) || iss is null)
        {
            return TokenVerification.Fail(TokenCheck.Issuer, "the token has no iss claim");
        }

        // A Verdict-hosted pool answers to its Verdict URL and to its AWS form; either may be configured or issued.
        var local = await keys.FindLocalAsync(expectations.Issuer, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(iss, expectations.Issuer, StringComparison.Ordinal) && (local is null || !local.IsNamedBy(iss)))
        {
            return TokenVerification.Fail(TokenCheck.Issuer, $"the token's issuer is not the expected issuer {expectations.Issuer}");
        }

        var resolution = await keys.ResolveAsync(expectations.Issuer, kid, local, cancellationToken).ConfigureAwait(false);
        if (resolution.Failure is { } keyFailure)
        {
            return new TokenVerification(null, keyFailure);
        }

        var key = resolution.Key!;
        if (key.Unfitness(algorithm) is { } unfit)
        {
            return TokenVerification.Fail(TokenCheck.Algorithm, $"the token's alg {algorithm.Name} does not fit its key: {unfit}");
        }

        if (!key.VerifySignature(algorithm, signingInput, signature))
        {
            return TokenVerification.Fail(TokenCheck.Signature, "the token's signature does not verify");
        }

        if (CheckTimes(claims) is { } badTime)
        {
            return badTime;
        }

        if (CheckAudience(claims, expectations) is { } badAudience)
        {
            return badAudience;
        }

        if (expectations.RequiredTokenUse is { } requiredUse &&
            !(claims.TryGetPropertyValue("token_use", out var useNode) && TryString(useNode, out var use) && use == requiredUse))
        {
            return TokenVerification.Fail(TokenCheck.TokenUse, $"the token is not an {requiredUse} token (token_use)");
        }

        return new TokenVerification(new VerifiedToken(iss, header, claims, resolution.Local), null);
    }

    private static TokenVerification? Decode(string token, int maxLength, out (JsonObject Header, JsonObject Claims, byte[] SigningInput, byte[] Signature) decoded)
    {
        decoded = default;
        if (token.Length > maxLength)
        {
            return TokenVerification.Fail(TokenCheck.Malformed, $"the token is longer than {maxLength} characters");
        }

        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var lastDot = token.LastIndexOf('.');
        var segments = token.AsSpan().Count('.') + 1;
        if (segments != 3)
        {
            return TokenVerification.Fail(TokenCheck.Malformed, $"a JWT has 3 dot-separated segments; this token has {segments}");
        }

        var headerBytes = Base64UrlText.TryDecode(token.AsSpan(0, firstDot));
        var claimBytes = Base64UrlText.TryDecode(token.AsSpan(firstDot + 1, lastDot - firstDot - 1));
        var signature = Base64UrlText.TryDecode(token.AsSpan(lastDot + 1));
        if (headerBytes is null || claimBytes is null || signature is null)
        {
            var which = headerBytes is null ? "header" : claimBytes is null ? "payload" : "signature";
            return TokenVerification.Fail(TokenCheck.Malformed, $"the token's {which} is not base64url");
        }

        if (ParseObject(headerBytes) is not { } header)
        {
            return TokenVerification.Fail(TokenCheck.Malformed, "the token's header is not a JSON object");
        }

        if (ParseObject(claimBytes) is not { } claims)
        {
            return TokenVerification.Fail(TokenCheck.Malformed, "the token's payload is not a JSON object");
        }

        decoded = (header, claims, Encoding.ASCII.GetBytes(token, 0, lastDot), signature);
        return null;
    }

    private static TokenVerification? CheckAlgorithm(JsonObject header, out JwtAlgorithm algorithm)
    {
        algorithm = null!;
        if (!header.TryGetPropertyValue("alg", out var algNode) || !TryString(algNode, out var alg) || alg is null)
        {
            return TokenVerification.Fail(TokenCheck.Algorithm, "the token header has no alg");
        }

        if (string.Equals(alg, "none", StringComparison.OrdinalIgnoreCase))
        {
            return TokenVerification.Fail(TokenCheck.Algorithm, "alg none is refused: the token must be signed");
        }

        if (alg.StartsWith("HS", StringComparison.OrdinalIgnoreCase))
        {
            return TokenVerification.Fail(TokenCheck.Algorithm, $"alg {alg} is refused: HMAC tokens cannot be checked with an issuer's public keys");
        }

        if (JwtAlgorithm.Find(alg) is not { } found)
        {
            return TokenVerification.Fail(TokenCheck.Algorithm, $"alg {Shorten(alg)} is not supported (RS*, PS* and ES* are)");
        }

        if (header.ContainsKey("crit"))
        {
            // RFC 7515 §4.1.11: extensions listed as critical must be understood, and we understand none.
            return TokenVerification.Fail(TokenCheck.Malformed, "the token header lists critical extensions (crit), which are not supported");
        }

        algorithm = found;
        return null;
    }

    private TokenVerification? CheckTimes(JsonObject claims)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var skew = options.ClockSkew.TotalSeconds;
        if (!claims.TryGetPropertyValue("exp", out var expNode) || !TryNumber(expNode, out var exp))
        {
            return TokenVerification.Fail(TokenCheck.Malformed, "the token has no numeric exp claim");
        }

        if (now >= exp + skew)
        {
            return TokenVerification.Fail(TokenCheck.Expired, "the token has expired (exp " +
                DateTimeOffset.FromUnixTimeSeconds((long)Math.Clamp(exp, -62135596800, 253402300799)).ToString("u", CultureInfo.InvariantCulture) + ")");
        }

        if (claims.TryGetPropertyValue("nbf", out var nbfNode))
        {
            if (!TryNumber(nbfNode, out var nbf))
            {
                return TokenVerification.Fail(TokenCheck.Malformed, "the token's nbf claim is not a number");
            }

            if (now + skew < nbf)
            {
                return TokenVerification.Fail(TokenCheck.NotYetValid, "the token is not valid yet (nbf is in the future)");
            }
        }

        return null;
    }

    private static TokenVerification? CheckAudience(JsonObject claims, TokenExpectations expectations)
    {
        if (expectations.Audiences is not { Count: > 0 } audiences)
        {
            return null;
        }

        if (claims.TryGetPropertyValue("aud", out var aud))
        {
            if (TryString(aud, out var single) && single is not null && audiences.Contains(single))
            {
                return null;
            }

            if (aud is JsonArray many && many.Any(a => TryString(a, out var one) && one is not null && audiences.Contains(one)))
            {
                return null;
            }
        }

        if (expectations.AllowClientIdAsAudience)
        {
            foreach (var name in (string[])["client_id", "cid"])
            {
                if (claims.TryGetPropertyValue(name, out var clientNode) && TryString(clientNode, out var clientId) && clientId is not null &&
                    audiences.Contains(clientId))
                {
                    return null;
                }
            }
        }

        return TokenVerification.Fail(TokenCheck.Audience, expectations.AllowClientIdAsAudience
            ? "neither the token's aud nor its client_id is an expected audience"
            : "the token's aud is not an expected audience");
    }

    private static JsonObject? ParseObject(byte[] utf8)
    {
        try
        {
            return JsonNode.Parse(utf8, documentOptions: s_strict) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryString(JsonNode? node, out string? value)
    {
        value = null;
        return node is JsonValue jsonValue && jsonValue.GetValueKind() == JsonValueKind.String && jsonValue.TryGetValue(out value);
    }

    private static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue jsonValue && jsonValue.GetValueKind() == JsonValueKind.Number && jsonValue.TryGetValue(out value) && double.IsFinite(value);
    }

    private static string Shorten(string text) => text.Length <= 16 ? text : text[..16] + "…";
}
