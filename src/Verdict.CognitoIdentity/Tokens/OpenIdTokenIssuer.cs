using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Verdict.CognitoIdentity.Storage;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Tokens;

namespace Verdict.CognitoIdentity.Tokens;

/// <summary>
/// Verdict's identity-pool issuer: <c>&lt;public base URL&gt;/cognito-identity</c> (AWS's is
/// <c>https://cognito-identity.amazonaws.com</c>). It signs OpenID tokens with one RSA-2048 key, created on first
/// use and kept in the identity pool database, and checks the tokens it issued when they come back as a login.
/// </summary>
public sealed class OpenIdTokenIssuer(IdentityPoolStore store, IssuerResolver issuers, TimeProvider time) : IDisposable
{
    /// <summary>The Logins key under which a token of this issuer is presented, as on AWS.</summary>
    public const string LoginsProvider = "cognito-identity.amazonaws.com";

    public const string PathSegment = "cognito-identity";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Kid, RSA Key)? _key;

    public string Issuer => issuers.BaseUrl + "/" + PathSegment;

    public async ValueTask<string> IssueAsync(JsonObject claims, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var (kid, key) = await KeyAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        claims["iss"] = Issuer;
        claims["exp"] = now + (long)lifetime.TotalSeconds;
        claims["iat"] = now;
        return Jwt.Sign(claims, kid, key);
    }

    /// <summary>The claims of a token this issuer signed, unexpired; null for anything else.</summary>
    public async ValueTask<JsonObject?> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        var (kid, key) = await KeyAsync(cancellationToken).ConfigureAwait(false);
        if (Jwt.Decode(token) is not { } decoded || decoded.Kid != kid || !Jwt.VerifySignature(token, key))
        {
            return null;
        }

        var claims = decoded.Claims;
        return claims["iss"]?.GetValue<string>() == Issuer && claims["exp"] is JsonValue exp && exp.TryGetValue<long>(out var expires) &&
            expires > time.GetUtcNow().ToUnixTimeSeconds()
            ? claims
            : null;
    }

    public async ValueTask<JsonObject> JwksAsync(CancellationToken cancellationToken)
    {
        var (kid, key) = await KeyAsync(cancellationToken).ConfigureAwait(false);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["alg"] = "RS256",
                ["use"] = "sig",
                ["kid"] = kid,
                ["n"] = Base64Url.Encode(parameters.Modulus),
                ["e"] = Base64Url.Encode(parameters.Exponent),
            }),
        };
    }

    public void Dispose()
    {
        _key?.Key.Dispose();
        _gate.Dispose();
    }

    private async ValueTask<(string Kid, RSA Key)> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } loaded)
        {
            return loaded;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_key is { } again)
            {
                return again;
            }

            var record = await store.WriteAsync(session =>
            {
                var existing = session.IssuerKeys();
                if (existing.Count > 0)
                {
                    return existing[^1];
                }

                using var rsa = RSA.Create(2048);
                var created = new IssuerKeyRecord(Thumbprint(rsa), rsa.ExportPkcs8PrivateKey(), time.GetUtcNow());
                session.InsertIssuerKey(created);
                return created;
            }, cancellationToken).ConfigureAwait(false);
            var key = RSA.Create();
            key.ImportPkcs8PrivateKey(record.PrivateKeyPkcs8, out _);
            _key = (record.Kid, key);
            return _key.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The RFC 7638 JWK thumbprint: a stable kid derived from the public key alone.</summary>
    private static string Thumbprint(RSA rsa)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var canonical = $"{{\"e\":\"{Base64Url.Encode(parameters.Exponent)}\",\"kty\":\"RSA\",\"n\":\"{Base64Url.Encode(parameters.Modulus)}\"}}";
        return Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
