using System.Text.Json.Nodes;
using Verdict.Tokens.Tests.Support;

namespace Verdict.Tokens.Tests;

/// <summary>An issuer with a pinned JWKS file is verified from the file alone (air-gapped), even an issuer that could never be fetched.</summary>
public sealed class PinnedJwksTests : IDisposable
{
    private const string Issuer = "https://idp.internal.invalid/realms/main";
    private static readonly TestKey s_key = TestKey.Create("ES384", "pinned-1");

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"verdict-pinned-{Guid.NewGuid():N}.json");
    private readonly ManualTime _time = new();
    private readonly TokenVerifierOptions _options = new();
    private readonly IssuerKeyResolver _resolver;
    private readonly JwtVerifier _verifier;

    public PinnedJwksTests()
    {
        _options.PinnedJwksFiles[Issuer] = _file;
        _resolver = new IssuerKeyResolver(_options, _time);
        _verifier = new JwtVerifier(_resolver, _time, _options);
    }

    public void Dispose()
    {
        _resolver.Dispose();
        File.Delete(_file);
    }

    [Fact]
    public async Task Verifies_from_the_file_and_rereads_it_for_a_new_kid_after_the_refresh_interval()
    {
        File.WriteAllText(_file, TestKey.Jwks(s_key.PublicJwk()));
        Assert.True((await VerifyAsync(s_key)).Succeeded);
        Assert.True((await VerifyAsync(s_key)).Succeeded);
        Assert.Equal(1, _resolver.LoadCount(Issuer));

        var rotated = TestKey.Create("ES256", "pinned-2");
        File.WriteAllText(_file, TestKey.Jwks(s_key.PublicJwk(), rotated.PublicJwk()));
        Assert.Equal(TokenCheck.KeyNotFound, (await VerifyAsync(rotated)).Failure!.Check);
        Assert.Equal(1, _resolver.LoadCount(Issuer));

        _time.Advance(_options.MinRefreshInterval);
        Assert.True((await VerifyAsync(rotated)).Succeeded);
        Assert.Equal(2, _resolver.LoadCount(Issuer));
    }

    [Theory]
    [InlineData(null, "could not be read")]
    [InlineData("not json", "not usable")]
    [InlineData("""{"keys":{}}""", "not usable")]
    [InlineData("""{"keys":[{"kty":"RSA","kid":"x","n":"AQAB"}]}""", "not usable")]
    public async Task A_missing_or_broken_file_makes_the_keys_unavailable(string? content, string reason)
    {
        if (content is not null)
        {
            File.WriteAllText(_file, content);
        }

        var result = await VerifyAsync(s_key);

        Assert.Equal(TokenCheck.KeysUnavailable, result.Failure!.Check);
        Assert.Contains(reason, result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversize_file_is_refused()
    {
        _options.MaxDocumentBytes = 1024;
        var jwks = JsonNode.Parse(TestKey.Jwks(s_key.PublicJwk()))!.AsObject();
        jwks["padding"] = new string(' ', 2048);
        File.WriteAllText(_file, jwks.ToJsonString());

        var result = await VerifyAsync(s_key);

        Assert.Equal(TokenCheck.KeysUnavailable, result.Failure!.Check);
        Assert.Contains("larger than 1024", result.Failure.Message, StringComparison.Ordinal);
    }

    private ValueTask<TokenVerification> VerifyAsync(TestKey key) =>
        _verifier.VerifyAsync(key.Sign(new JsonObject { ["iss"] = Issuer, ["exp"] = _time.GetUtcNow().ToUnixTimeSeconds() + 60 }), new TokenExpectations(Issuer), default);
}
