using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Common;

namespace Verdict.CognitoIdentityProvider.Tokens;

/// <summary>Compact JWS with RS256 (RSASSA-PKCS1-v1_5 over SHA-256), written and checked with the BCL only.</summary>
public static class Jwt
{
    public static string Sign(JsonObject claims, string kid, RSA key)
    {
        var header = new JsonObject { ["kid"] = kid, ["alg"] = "RS256" };
        var signingInput = Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." +
            Base64Url.Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        byte[] signature;
        lock (key)
        {
            // RSA instances are shared across requests (one per pool key) and are not documented as thread-safe.
            signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        return signingInput + "." + Base64Url.Encode(signature);
    }

    /// <summary>Splits and decodes a token without checking it: the header's kid and the claims, or null when malformed.</summary>
    public static (string Kid, JsonObject Claims)? Decode(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var header = Base64Url.TryDecode(parts[0]) is { } h ? JsonNode.Parse(h) as JsonObject : null;
            var payload = Base64Url.TryDecode(parts[1]) is { } p ? JsonNode.Parse(p) as JsonObject : null;
            if (header?["alg"]?.GetValueKind() != JsonValueKind.String || header["alg"].AsString()! != "RS256" ||
                header["kid"]?.GetValueKind() != JsonValueKind.String || payload is null)
            {
                return null;
            }

            return (header["kid"].AsString()!, payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool VerifySignature(string token, RSA key)
    {
        var lastDot = token.LastIndexOf('.');
        if (lastDot < 0 || Base64Url.TryDecode(token[(lastDot + 1)..]) is not { } signature)
        {
            return false;
        }

        lock (key)
        {
            return key.VerifyData(Encoding.ASCII.GetBytes(token[..lastDot]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }
}
