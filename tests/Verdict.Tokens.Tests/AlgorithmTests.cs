using System.Text.Json.Nodes;
using Verdict.Tokens.Tests.Support;

namespace Verdict.Tokens.Tests;

/// <summary>Every supported algorithm signs (with System.Security.Cryptography) and verifies, with and without the JWK naming its alg.</summary>
public sealed class AlgorithmTests
{
    private const string Issuer = "http://127.0.0.1:8340/us-east-1_Algorithms";

    [Theory]
    [InlineData("RS256", true)]
    [InlineData("RS384", true)]
    [InlineData("RS512", true)]
    [InlineData("PS256", true)]
    [InlineData("PS384", true)]
    [InlineData("PS512", true)]
    [InlineData("ES256", true)]
    [InlineData("ES384", true)]
    [InlineData("ES512", true)]
    [InlineData("RS256", false)]
    [InlineData("PS512", false)]
    [InlineData("ES384", false)]
    public async Task Signs_and_verifies(string algorithm, bool jwkNamesAlg)
    {
        var key = TestKey.Create(algorithm, "kid-" + algorithm);
        var verifier = VerifierFor(key.PublicJwk(jwkNamesAlg));
        var time = ManualTime.Start.ToUnixTimeSeconds();
        var token = key.Sign(new JsonObject { ["iss"] = Issuer, ["sub"] = "s", ["exp"] = time + 60 });

        var result = await verifier.VerifyAsync(token, new TokenExpectations(Issuer), default);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(algorithm, result.Token!.Header["alg"]!.GetValue<string>());
        Assert.Contains(algorithm, JwtAlgorithm.SupportedNames);
    }

    [Theory]
    [InlineData("ES256", "ES384")]
    [InlineData("ES512", "ES256")]
    [InlineData("RS256", "PS256")]
    [InlineData("PS384", "RS384")]
    public async Task A_signature_made_with_another_algorithm_of_the_same_key_type_is_refused(string keyAlgorithm, string headerAlgorithm)
    {
        var key = TestKey.Create(keyAlgorithm, "k");
        var verifier = VerifierFor(key.PublicJwk(withAlg: false));
        var claims = new JsonObject { ["iss"] = Issuer, ["exp"] = ManualTime.Start.ToUnixTimeSeconds() + 60 }.ToJsonString();
        var token = key.Sign(new JsonObject { ["alg"] = headerAlgorithm, ["kid"] = "k" }.ToJsonString(), claims, keyAlgorithm);

        var result = await verifier.VerifyAsync(token, new TokenExpectations(Issuer), default);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Failure!.Check, (TokenCheck[])[TokenCheck.Signature, TokenCheck.Algorithm]);
    }

    private static JwtVerifier VerifierFor(JsonWebKey key)
    {
        var time = new ManualTime();
        var options = new TokenVerifierOptions();
        var local = new LocalIssuer("us-east-1_Algorithms", "000000000000", "us-east-1", Issuer,
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Algorithms", new JsonWebKeySet([key]));
        return new JwtVerifier(new IssuerKeyResolver(options, time, new StaticLocalDirectory(local)), time, options);
    }
}
