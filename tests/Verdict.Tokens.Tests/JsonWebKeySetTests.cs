using System.Text;
using Verdict.Tokens.Tests.Support;

namespace Verdict.Tokens.Tests;

public sealed class JsonWebKeySetTests
{
    [Fact]
    public void Round_trips_RSA_and_EC_keys_and_finds_them_by_kid()
    {
        var rsa = TestKey.Create("RS256", "r").PublicJwk();
        var ec = TestKey.Create("ES512", "e").PublicJwk();

        var parsed = JsonWebKeySet.Parse(Encoding.UTF8.GetBytes(TestKey.Jwks(rsa, ec)), out var error);

        Assert.Null(error);
        Assert.Equal(2, parsed!.Count);
        Assert.Equal("RSA", parsed.Find("r")!.KeyType);
        Assert.Equal(2048, parsed.Find("r")!.KeySizeBits);
        Assert.Equal("P-521", parsed.Find("e")!.Curve);
        Assert.Null(parsed.Find("missing"));
    }

    [Theory]
    [InlineData("""{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}""", 0)]
    [InlineData("""{"keys":[{"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB"}]}""", 0)]
    [InlineData("""{"keys":[{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}]}""", 0)]
    [InlineData("""{"keys":[{"kty":"OKP","crv":"Ed25519","x":"AA"}]}""", 0)]
    [InlineData("""{"keys":[]}""", 0)]
    public void Keys_that_are_not_RSA_or_EC_signature_keys_are_left_out(string json, int count)
    {
        var parsed = JsonWebKeySet.Parse(Encoding.UTF8.GetBytes(json), out var error);
        Assert.Null(error);
        Assert.Equal(count, parsed!.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"keys":"none"}""")]
    [InlineData("""{"keys":[1]}""")]
    [InlineData("""{"keys":[{"kid":"no-kty"}]}""")]
    [InlineData("""{"keys":[{"kty":"RSA","kid":"r","e":"AQAB"}]}""")]
    [InlineData("""{"keys":[{"kty":"RSA","kid":"r","n":"a+b/","e":"AQAB"}]}""")]
    [InlineData("""{"keys":[{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}]}""")]
    [InlineData("""{"keys":[{"kty":"RSA","kid":7,"n":"AQAB","e":"AQAB"}]}""")]
    [InlineData("""{"keys":[],"keys":[]}""")]
    public void Broken_documents_are_errors(string json)
    {
        Assert.Null(JsonWebKeySet.Parse(Encoding.UTF8.GetBytes(json), out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void An_EC_point_not_on_the_curve_is_an_error()
    {
        var ec = TestKey.Create("ES256", "e").PublicJwk().ToJson();
        var x = Convert.FromBase64String(ToStandard(ec["x"]!.GetValue<string>()));
        x[^1] ^= 1;
        ec["x"] = System.Buffers.Text.Base64Url.EncodeToString(x);
        var json = new System.Text.Json.Nodes.JsonObject { ["keys"] = new System.Text.Json.Nodes.JsonArray(ec) }.ToJsonString();

        Assert.Null(JsonWebKeySet.Parse(Encoding.UTF8.GetBytes(json), out var error));
        Assert.Contains("not a point", error, StringComparison.Ordinal);
    }

    private static string ToStandard(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - (s.Length % 4)) % 4);
    }
}
