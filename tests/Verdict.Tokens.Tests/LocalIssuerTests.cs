using System.Text.Json.Nodes;
using Verdict.Tokens.Tests.Support;

namespace Verdict.Tokens.Tests;

/// <summary>A Verdict-hosted pool answers to its Verdict URL and its AWS form, with keys from the directory, never the network.</summary>
public sealed class LocalIssuerTests
{
    private const string VerdictIssuer = "http://127.0.0.1:8340/us-east-1_Local1";
    private const string AwsIssuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Local1";
    private static readonly TestKey s_key = TestKey.Create("RS256", "pool-key");

    private readonly ManualTime _time = new();
    private readonly TokenVerifierOptions _options = new();
    private readonly StaticLocalDirectory _directory;
    private readonly JwtVerifier _verifier;

    public LocalIssuerTests()
    {
        var pool = new LocalIssuer("us-east-1_Local1", "000000000000", "us-east-1", VerdictIssuer, AwsIssuer, new JsonWebKeySet([s_key.PublicJwk()]));
        var other = new LocalIssuer("us-east-1_Local2", "000000000000", "us-east-1", "http://127.0.0.1:8340/us-east-1_Local2",
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Local2", new JsonWebKeySet([s_key.PublicJwk()]));
        _directory = new StaticLocalDirectory(pool, other);
        _verifier = new JwtVerifier(new IssuerKeyResolver(_options, _time, _directory), _time, _options);
    }

    [Theory]
    [InlineData(VerdictIssuer, VerdictIssuer)]
    [InlineData(VerdictIssuer, AwsIssuer)]
    [InlineData(AwsIssuer, VerdictIssuer)]
    [InlineData(AwsIssuer, AwsIssuer)]
    public async Task Either_name_of_the_pool_matches_either_other(string tokenIssuer, string expectedIssuer)
    {
        var token = s_key.Sign(Claims(tokenIssuer));

        var result = await _verifier.VerifyAsync(token, new TokenExpectations(expectedIssuer, ["client"]), default);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(tokenIssuer, result.Token!.Issuer);
        Assert.Equal("us-east-1_Local1", result.Token.Local!.UserPoolId);
        Assert.Equal("000000000000", result.Token.Local.AccountId);
        Assert.Equal("us-east-1", result.Token.Local.Region);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8340/us-east-1_Local2")]
    [InlineData("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Local2")]
    [InlineData("https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_Local1")]
    [InlineData("http://127.0.0.1:8341/us-east-1_Local1")]
    public async Task Another_pool_or_a_look_alike_name_is_an_issuer_mismatch(string tokenIssuer)
    {
        var token = s_key.Sign(Claims(tokenIssuer));

        var result = await _verifier.VerifyAsync(token, new TokenExpectations(AwsIssuer, ["client"]), default);

        Assert.Equal(TokenCheck.Issuer, result.Failure!.Check);
    }

    [Fact]
    public async Task An_unknown_kid_is_not_found_without_any_fetch()
    {
        var other = TestKey.Create("RS256", "rotated-away");
        var result = await _verifier.VerifyAsync(other.Sign(Claims(VerdictIssuer)), new TokenExpectations(VerdictIssuer), default);
        Assert.Equal(TokenCheck.KeyNotFound, result.Failure!.Check);
    }

    private JsonObject Claims(string issuer) => new()
    {
        ["iss"] = issuer,
        ["aud"] = "client",
        ["exp"] = _time.GetUtcNow().ToUnixTimeSeconds() + 60,
    };
}
