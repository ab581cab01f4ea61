using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Verdict.Tokens.Tests.Support;

namespace Verdict.Tokens.Tests;

/// <summary>Every check of <see cref="JwtVerifier"/>, one row per way a token can fail, against keys pinned in a JWKS file.</summary>
public sealed class JwtVerifierTests : IDisposable
{
    private const string Issuer = "https://issuer.example.test";
    private static readonly TestKey s_rsa = TestKey.Create("RS256", "rsa-1");
    private static readonly TestKey s_ec = TestKey.Create("ES256", "ec-1");

    private readonly string _jwksFile = Path.Combine(Path.GetTempPath(), $"verdict-tokens-{Guid.NewGuid():N}.json");
    private readonly ManualTime _time = new();
    private readonly TokenVerifierOptions _options = new();
    private readonly IssuerKeyResolver _resolver;
    private readonly JwtVerifier _verifier;

    public JwtVerifierTests()
    {
        File.WriteAllText(_jwksFile, TestKey.Jwks(s_rsa.PublicJwk(), s_ec.PublicJwk()));
        _options.PinnedJwksFiles[Issuer] = _jwksFile;
        _resolver = new IssuerKeyResolver(_options, _time);
        _verifier = new JwtVerifier(_resolver, _time, _options);
    }

    public void Dispose()
    {
        _resolver.Dispose();
        File.Delete(_jwksFile);
    }

    private long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    private JsonObject Claims() => new()
    {
        ["sub"] = "user-1",
        ["iss"] = Issuer,
        ["aud"] = "client-a",
        ["token_use"] = "id",
        ["iat"] = Now,
        ["exp"] = Now + 3600,
    };

    private static readonly TokenExpectations s_expect = new(Issuer, ["client-a"], RequiredTokenUse: "id");

    private static string Header(string alg, string? kid = "rsa-1") =>
        kid is null ? new JsonObject { ["alg"] = alg }.ToJsonString() : new JsonObject { ["alg"] = alg, ["kid"] = kid }.ToJsonString();

    private static JsonObject With(JsonObject claims, Action<JsonObject> change)
    {
        change(claims);
        return claims;
    }

    private (string Token, TokenExpectations Expectations) Case(string name)
    {
        var claims = Claims();
        var good = s_rsa.Sign(claims);
        var parts = good.Split('.');
        return name switch
        {
            "alg none" => (TestKey.B64(Header("none")) + "." + TestKey.B64(claims.ToJsonString()) + ".", s_expect),
            "alg none, capitalised" => (TestKey.B64(Header("None")) + "." + TestKey.B64(claims.ToJsonString()) + ".", s_expect),
            "HS256 with the RSA public key as secret" => (HmacWithPublicKey(claims), s_expect),
            "unknown alg" => (s_rsa.Sign(Header("RS1"), claims.ToJsonString()), s_expect),
            "no alg" => (s_rsa.Sign("""{"kid":"rsa-1"}""", claims.ToJsonString()), s_expect),
            "alg not a string" => (s_rsa.Sign("""{"alg":256,"kid":"rsa-1"}""", claims.ToJsonString()), s_expect),
            "JWK alg differs from header alg" => (s_rsa.Sign(Header("PS256"), claims.ToJsonString(), "PS256"), s_expect),
            "EC alg on an RSA key" => (s_ec.Sign(Header("ES256", "rsa-1"), claims.ToJsonString()), s_expect),
            "unknown kid" => (s_rsa.Sign(Header("RS256", "rsa-2"), claims.ToJsonString()), s_expect),
            "no kid while the issuer has two keys" => (s_rsa.Sign(Header("RS256", null), claims.ToJsonString()), s_expect),
            "kid not a string" => (s_rsa.Sign("""{"alg":"RS256","kid":1}""", claims.ToJsonString()), s_expect),
            "critical header extension" => (s_rsa.Sign("""{"alg":"RS256","kid":"rsa-1","crit":["b64"],"b64":false}""", claims.ToJsonString()), s_expect),
            "tampered payload" => (parts[0] + "." + TestKey.B64(With(Claims(), c => c["sub"] = "admin").ToJsonString()) + "." + parts[2], s_expect),
            "tampered signature" => (parts[0] + "." + parts[1] + "." + FlipFirstChar(parts[2]), s_expect),
            "signature of another message" => (parts[0] + "." + parts[1] + "." + s_rsa.Sign(Claims().Also(c => c["x"] = 1)).Split('.')[2], s_expect),
            "truncated signature" => (parts[0] + "." + parts[1] + "." + Reencode(parts[2], b => b[..^8]), s_expect),
            "bad base64url header" => ("eyJ!" + parts[0][4..] + "." + parts[1] + "." + parts[2], s_expect),
            "padded base64 payload" => (parts[0] + "." + parts[1] + "==." + parts[2], s_expect),
            "standard base64 signature" => (parts[0] + "." + parts[1] + "." + parts[2].Replace('-', '+').Replace('_', '/') + "+/", s_expect),
            "two segments" => (parts[0] + "." + parts[1], s_expect),
            "four segments" => (good + "." + parts[2], s_expect),
            "empty token" => ("", s_expect),
            "header is not JSON" => (TestKey.B64("alg=RS256") + "." + parts[1] + "." + parts[2], s_expect),
            "payload is a JSON array" => (s_rsa.Sign(Header("RS256"), "[1,2]"), s_expect),
            "duplicate claim" => (s_rsa.Sign(Header("RS256"), claims.ToJsonString()[..^1] + ",\"sub\":\"admin\"}"), s_expect),
            "token too long" => (s_rsa.Sign(With(claims, c => c["pad"] = new string('a', 70_000))), s_expect),
            "exp in the past" => (s_rsa.Sign(With(claims, c => c["exp"] = Now - 1)), s_expect),
            "exp now" => (s_rsa.Sign(With(claims, c => c["exp"] = Now)), s_expect),
            "no exp" => (s_rsa.Sign(With(claims, c => c.Remove("exp"))), s_expect),
            "exp a string" => (s_rsa.Sign(With(claims, c => c["exp"] = (Now + 60).ToString(System.Globalization.CultureInfo.InvariantCulture))), s_expect),
            "nbf in the future" => (s_rsa.Sign(With(claims, c => c["nbf"] = Now + 60)), s_expect),
            "nbf a string" => (s_rsa.Sign(With(claims, c => c["nbf"] = "soon")), s_expect),
            "iss mismatch" => (s_rsa.Sign(With(claims, c => c["iss"] = "https://other.example.test")), s_expect),
            "iss with a trailing slash" => (s_rsa.Sign(With(claims, c => c["iss"] = Issuer + "/")), s_expect),
            "no iss" => (s_rsa.Sign(With(claims, c => c.Remove("iss"))), s_expect),
            "aud mismatch" => (s_rsa.Sign(With(claims, c => c["aud"] = "client-b")), s_expect),
            "aud array without the audience" => (s_rsa.Sign(With(claims, c => c["aud"] = new JsonArray("client-b", "client-c"))), s_expect),
            "no aud while one is expected" => (s_rsa.Sign(With(claims, c => c.Remove("aud"))), s_expect),
            "client_id when the fallback is off" => (s_rsa.Sign(With(claims, c => { c.Remove("aud"); c["client_id"] = "client-a"; })),
                s_expect with { AllowClientIdAsAudience = false }),
            "client_id of another client" => (s_rsa.Sign(With(claims, c => { c.Remove("aud"); c["client_id"] = "client-b"; })), s_expect),
            "token_use mismatch" => (s_rsa.Sign(With(claims, c => c["token_use"] = "access")), s_expect),
            "no token_use" => (s_rsa.Sign(With(claims, c => c.Remove("token_use"))), s_expect),
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [InlineData("alg none", TokenCheck.Algorithm)]
    [InlineData("alg none, capitalised", TokenCheck.Algorithm)]
    [InlineData("HS256 with the RSA public key as secret", TokenCheck.Algorithm)]
    [InlineData("unknown alg", TokenCheck.Algorithm)]
    [InlineData("no alg", TokenCheck.Algorithm)]
    [InlineData("alg not a string", TokenCheck.Algorithm)]
    [InlineData("JWK alg differs from header alg", TokenCheck.Algorithm)]
    [InlineData("EC alg on an RSA key", TokenCheck.Algorithm)]
    [InlineData("unknown kid", TokenCheck.KeyNotFound)]
    [InlineData("no kid while the issuer has two keys", TokenCheck.KeyNotFound)]
    [InlineData("kid not a string", TokenCheck.Malformed)]
    [InlineData("critical header extension", TokenCheck.Malformed)]
    [InlineData("tampered payload", TokenCheck.Signature)]
    [InlineData("tampered signature", TokenCheck.Signature)]
    [InlineData("signature of another message", TokenCheck.Signature)]
    [InlineData("truncated signature", TokenCheck.Signature)]
    [InlineData("bad base64url header", TokenCheck.Malformed)]
    [InlineData("padded base64 payload", TokenCheck.Malformed)]
    [InlineData("standard base64 signature", TokenCheck.Malformed)]
    [InlineData("two segments", TokenCheck.Malformed)]
    [InlineData("four segments", TokenCheck.Malformed)]
    [InlineData("empty token", TokenCheck.Malformed)]
    [InlineData("header is not JSON", TokenCheck.Malformed)]
    [InlineData("payload is a JSON array", TokenCheck.Malformed)]
    [InlineData("duplicate claim", TokenCheck.Malformed)]
    [InlineData("token too long", TokenCheck.Malformed)]
    [InlineData("exp in the past", TokenCheck.Expired)]
    [InlineData("exp now", TokenCheck.Expired)]
    [InlineData("no exp", TokenCheck.Malformed)]
    [InlineData("exp a string", TokenCheck.Malformed)]
    [InlineData("nbf in the future", TokenCheck.NotYetValid)]
    [InlineData("nbf a string", TokenCheck.Malformed)]
    [InlineData("iss mismatch", TokenCheck.Issuer)]
    [InlineData("iss with a trailing slash", TokenCheck.Issuer)]
    [InlineData("no iss", TokenCheck.Issuer)]
    [InlineData("aud mismatch", TokenCheck.Audience)]
    [InlineData("aud array without the audience", TokenCheck.Audience)]
    [InlineData("no aud while one is expected", TokenCheck.Audience)]
    [InlineData("client_id when the fallback is off", TokenCheck.Audience)]
    [InlineData("client_id of another client", TokenCheck.Audience)]
    [InlineData("token_use mismatch", TokenCheck.TokenUse)]
    [InlineData("no token_use", TokenCheck.TokenUse)]
    public async Task Refuses(string name, TokenCheck expected)
    {
        var (token, expectations) = Case(name);
        var result = await _verifier.VerifyAsync(token, expectations, default);
        Assert.False(result.Succeeded);
        Assert.Null(result.Token);
        Assert.Equal(expected, result.Failure!.Check);
        Assert.False(string.IsNullOrWhiteSpace(result.Failure.Message));
        if (token.Length > 40)
        {
            Assert.DoesNotContain(token, result.Failure.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("aud string")]
    [InlineData("aud array containing the audience")]
    [InlineData("client_id fallback")]
    [InlineData("cid fallback")]
    [InlineData("no audience expected")]
    [InlineData("no token_use expected")]
    [InlineData("expired within the clock skew")]
    [InlineData("nbf within the clock skew")]
    [InlineData("nbf now")]
    [InlineData("EC key")]
    public async Task Accepts(string name)
    {
        var claims = Claims();
        var expectations = s_expect;
        var key = s_rsa;
        switch (name)
        {
            case "aud string":
                break;
            case "aud array containing the audience":
                claims["aud"] = new JsonArray("client-z", "client-a");
                break;
            case "client_id fallback":
                claims.Remove("aud");
                claims["client_id"] = "client-a";
                claims["token_use"] = "access";
                expectations = s_expect with { RequiredTokenUse = "access" };
                break;
            case "cid fallback":
                claims["aud"] = "api://resource";
                claims["cid"] = "client-a";
                break;
            case "no audience expected":
                claims["aud"] = "anyone";
                expectations = s_expect with { Audiences = [] };
                break;
            case "no token_use expected":
                claims.Remove("token_use");
                expectations = s_expect with { RequiredTokenUse = null };
                break;
            case "expired within the clock skew":
                claims["exp"] = Now - 30;
                _options.ClockSkew = TimeSpan.FromMinutes(1);
                break;
            case "nbf within the clock skew":
                claims["nbf"] = Now + 30;
                _options.ClockSkew = TimeSpan.FromMinutes(1);
                break;
            case "nbf now":
                claims["nbf"] = Now;
                break;
            case "EC key":
                key = s_ec;
                break;
            default:
                throw new ArgumentException(name);
        }

        var result = await _verifier.VerifyAsync(key.Sign(claims), expectations, default);
        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Null(result.Failure);
        Assert.Equal(Issuer, result.Token!.Issuer);
        Assert.Equal("user-1", result.Token.Claims["sub"]!.GetValue<string>());
        Assert.Equal(key.Algorithm, result.Token.Header["alg"]!.GetValue<string>());
        Assert.Null(result.Token.Local);
    }

    [Fact]
    public async Task The_only_key_is_used_when_the_token_has_no_kid()
    {
        File.WriteAllText(_jwksFile, TestKey.Jwks(s_rsa.PublicJwk()));
        var token = s_rsa.Sign(Header("RS256", null), Claims().ToJsonString());
        var result = await _verifier.VerifyAsync(token, s_expect, default);
        Assert.True(result.Succeeded, result.Failure?.Message);
    }

    [Fact]
    public async Task A_short_RSA_key_is_refused_even_with_a_good_signature()
    {
        using var weak = RSA.Create(1024);
        var key = TestKey.FromRsa("weak", "RS256", weak);
        File.WriteAllText(_jwksFile, TestKey.Jwks(key.PublicJwk()));
        var result = await _verifier.VerifyAsync(key.Sign(Claims()), s_expect, default);
        Assert.Equal(TokenCheck.Algorithm, result.Failure!.Check);
        Assert.Contains("2048", result.Failure.Message, StringComparison.Ordinal);
    }

    private static string HmacWithPublicKey(JsonObject claims)
    {
        // The classic confusion attack: sign HS256 with the issuer's public key as the HMAC secret.
        var signingInput = TestKey.B64(Header("HS256")) + "." + TestKey.B64(claims.ToJsonString());
        var secret = Encoding.ASCII.GetBytes(s_rsa.Rsa.ExportSubjectPublicKeyInfoPem());
        return signingInput + "." + System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)));
    }

    private static string Reencode(string segment, Func<byte[], byte[]> change) =>
        System.Buffers.Text.Base64Url.EncodeToString(change(System.Buffers.Text.Base64Url.DecodeFromChars(segment)));

    private static string FlipFirstChar(string segment) => (segment[0] == 'A' ? 'B' : 'A') + segment[1..];
}

internal static class JsonObjectTestExtensions
{
    public static JsonObject Also(this JsonObject json, Action<JsonObject> change)
    {
        change(json);
        return json;
    }
}
