using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;

namespace Verdict.CognitoIdentityProvider.Tokens;

/// <summary>One pool's two RSA-2048 keys: Cognito signs ID tokens and access tokens with different keys.</summary>
public sealed class PoolSigningKeys : IDisposable
{
    private readonly Dictionary<string, RSA> _byKid;

    private PoolSigningKeys(string userPoolId, string idKid, string accessKid, Dictionary<string, RSA> byKid)
    {
        UserPoolId = userPoolId;
        IdTokenKid = idKid;
        AccessTokenKid = accessKid;
        _byKid = byKid;
    }

    public string UserPoolId { get; }

    public string IdTokenKid { get; }

    public string AccessTokenKid { get; }

    public RSA? Find(string kid) => _byKid.GetValueOrDefault(kid);

    public RSA IdTokenKey => _byKid[IdTokenKid];

    public RSA AccessTokenKey => _byKid[AccessTokenKid];

    /// <summary>Creates the two key records for a new pool.</summary>
    public static IReadOnlyList<SigningKeyRecord> Generate(string userPoolId, DateTimeOffset now)
    {
        var records = new List<SigningKeyRecord>(2);
        foreach (var use in (string[])["id", "access"])
        {
            using var rsa = RSA.Create(2048);
            records.Add(new SigningKeyRecord(userPoolId, Thumbprint(rsa), use, rsa.ExportPkcs8PrivateKey(), now));
        }

        return records;
    }

    public static PoolSigningKeys Load(string userPoolId, IReadOnlyList<SigningKeyRecord> records)
    {
        var byKid = new Dictionary<string, RSA>(StringComparer.Ordinal);
        string? idKid = null, accessKid = null;
        foreach (var record in records)
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(record.PrivateKeyPkcs8, out _);
            byKid[record.Kid] = rsa;
            if (record.Use == "id")
            {
                idKid = record.Kid;
            }
            else if (record.Use == "access")
            {
                accessKid = record.Kid;
            }
        }

        if (idKid is null || accessKid is null)
        {
            throw new InvalidOperationException($"User pool {userPoolId} is missing a signing key.");
        }

        return new PoolSigningKeys(userPoolId, idKid, accessKid, byKid);
    }

    /// <summary>The public half as a JWKS document, in Cognito's member order.</summary>
    public JsonObject ToJwks()
    {
        var keys = new JsonArray();
        foreach (var kid in (string[])[IdTokenKid, AccessTokenKid])
        {
            var parameters = _byKid[kid].ExportParameters(includePrivateParameters: false);
            keys.Add(new JsonObject
            {
                ["alg"] = "RS256",
                ["e"] = Base64Url.Encode(parameters.Exponent),
                ["kid"] = kid,
                ["kty"] = "RSA",
                ["n"] = Base64Url.Encode(parameters.Modulus),
                ["use"] = "sig",
            });
        }

        return new JsonObject { ["keys"] = keys };
    }

    public void Dispose()
    {
        foreach (var rsa in _byKid.Values)
        {
            rsa.Dispose();
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
