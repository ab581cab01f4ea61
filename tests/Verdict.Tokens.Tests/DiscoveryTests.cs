using System.Text.Json.Nodes;
using Verdict.Tokens.Tests.Support;

namespace Verdict.Tokens.Tests;

/// <summary>OIDC discovery and JWKS over real HTTP from a loopback issuer: caching, refresh, rate limit, limits and refusals.</summary>
public sealed class DiscoveryTests : IAsyncLifetime
{
    private static readonly TestKey s_first = TestKey.Create("RS256", "first");
    private static readonly TestKey s_second = TestKey.Create("ES256", "second");

    private readonly ManualTime _time = new();
    private readonly TokenVerifierOptions _options = new() { AllowHttpLoopbackIssuers = true, HttpTimeout = TimeSpan.FromSeconds(5) };
    private FakeIdentityProvider _idp = null!;
    private IssuerKeyResolver _resolver = null!;
    private JwtVerifier _verifier = null!;

    public async Task InitializeAsync()
    {
        _idp = await FakeIdentityProvider.StartAsync();
        _idp.Jwks = TestKey.Jwks(s_first.PublicJwk());
        _resolver = new IssuerKeyResolver(_options, _time);
        _verifier = new JwtVerifier(_resolver, _time, _options);
    }

    public async Task DisposeAsync()
    {
        _resolver.Dispose();
        await _idp.DisposeAsync();
    }

    [Fact]
    public async Task Many_verifications_fetch_the_keys_once()
    {
        for (var i = 0; i < 25; i++)
        {
            var result = await VerifyAsync(s_first);
            Assert.True(result.Succeeded, result.Failure?.Message);
        }

        Assert.Equal(1, _idp.DiscoveryRequests);
        Assert.Equal(1, _idp.JwksRequests);
    }

    [Fact]
    public async Task Concurrent_verifications_share_one_fetch()
    {
        _idp.JwksDelay = TimeSpan.FromMilliseconds(300);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => VerifyAsync(s_first).AsTask()));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure?.Message));
        Assert.Equal(1, _idp.JwksRequests);
    }

    [Fact]
    public async Task Keys_are_fetched_again_when_the_cache_expires()
    {
        Assert.True((await VerifyAsync(s_first)).Succeeded);
        _time.Advance(_options.KeyCacheLifetime - TimeSpan.FromSeconds(1));
        Assert.True((await VerifyAsync(s_first)).Succeeded);
        Assert.Equal(1, _idp.JwksRequests);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await VerifyAsync(s_first)).Succeeded);
        Assert.Equal(2, _idp.JwksRequests);
    }

    [Fact]
    public async Task An_unknown_kid_refetches_once_and_then_waits_for_the_refresh_interval()
    {
        Assert.True((await VerifyAsync(s_first)).Succeeded);
        Assert.Equal(1, _idp.JwksRequests);

        // The issuer rotates a second key in; after the refresh interval, its first token triggers one refetch.
        _idp.Jwks = TestKey.Jwks(s_first.PublicJwk(), s_second.PublicJwk());
        _time.Advance(_options.MinRefreshInterval);
        var rotated = await VerifyAsync(s_second);
        Assert.True(rotated.Succeeded, rotated.Failure?.Message);
        Assert.Equal(2, _idp.JwksRequests);

        // Another unknown kid right away is refused without a fetch: a stream of bogus kids cannot hammer the issuer.
        var bogus = TestKey.Create("ES256", "bogus");
        _idp.Jwks = TestKey.Jwks(s_first.PublicJwk(), s_second.PublicJwk(), bogus.PublicJwk());
        Assert.Equal(TokenCheck.KeyNotFound, (await VerifyAsync(bogus)).Failure!.Check);
        _time.Advance(_options.MinRefreshInterval - TimeSpan.FromSeconds(1));
        Assert.Equal(TokenCheck.KeyNotFound, (await VerifyAsync(bogus)).Failure!.Check);
        Assert.Equal(2, _idp.JwksRequests);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await VerifyAsync(bogus)).Succeeded);
        Assert.Equal(3, _idp.JwksRequests);
    }

    [Fact]
    public async Task A_slow_issuer_times_out_as_keys_unavailable()
    {
        _options.HttpTimeout = TimeSpan.FromMilliseconds(250);
        _idp.JwksDelay = TimeSpan.FromSeconds(10);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = await VerifyAsync(s_first);

        Assert.Equal(TokenCheck.KeysUnavailable, result.Failure!.Check);
        Assert.Contains("did not answer within", result.Failure.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), started.Elapsed.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_oversize_document_is_keys_unavailable(bool chunked)
    {
        _options.MaxDocumentBytes = 4096;
        var jwks = JsonNode.Parse(TestKey.Jwks(s_first.PublicJwk()))!.AsObject();
        jwks["padding"] = new string('x', 20_000);
        _idp.Jwks = jwks.ToJsonString();
        _idp.Chunked = chunked;

        var result = await VerifyAsync(s_first);

        Assert.Equal(TokenCheck.KeysUnavailable, result.Failure!.Check);
        Assert.Contains("4096", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_issuer_is_not_asked_again_within_the_refresh_interval()
    {
        _options.MaxDocumentBytes = 100;
        Assert.Equal(TokenCheck.KeysUnavailable, (await VerifyAsync(s_first)).Failure!.Check);
        Assert.Equal(TokenCheck.KeysUnavailable, (await VerifyAsync(s_first)).Failure!.Check);
        Assert.Equal(1, _idp.DiscoveryRequests);

        _options.MaxDocumentBytes = 256 * 1024;
        _time.Advance(_options.MinRefreshInterval);
        Assert.True((await VerifyAsync(s_first)).Succeeded);
        Assert.Equal(2, _idp.DiscoveryRequests);
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_fresh_keys_but_never_expired_ones()
    {
        Assert.True((await VerifyAsync(s_first)).Succeeded);

        // The issuer breaks; a token with a new kid asks for a refresh, which fails.
        _idp.JwksDelay = TimeSpan.FromSeconds(10);
        _options.HttpTimeout = TimeSpan.FromMilliseconds(200);
        _time.Advance(_options.MinRefreshInterval);
        Assert.Equal(TokenCheck.KeysUnavailable, (await VerifyAsync(s_second)).Failure!.Check);
        Assert.Equal(2, _idp.JwksRequests);

        // Tokens signed with the keys already held still verify until those keys expire.
        Assert.True((await VerifyAsync(s_first)).Succeeded);
        _time.Advance(_options.KeyCacheLifetime);
        Assert.Equal(TokenCheck.KeysUnavailable, (await VerifyAsync(s_first)).Failure!.Check);
        Assert.Equal(TokenCheck.KeysUnavailable, (await VerifyAsync(s_first)).Failure!.Check);
        Assert.Equal(3, _idp.JwksRequests);
    }

    [Fact]
    public async Task Http_is_refused_unless_loopback_http_is_allowed()
    {
        _options.AllowHttpLoopbackIssuers = false;

        var result = await VerifyAsync(s_first);

        Assert.Equal(TokenCheck.KeysUnavailable, result.Failure!.Check);
        Assert.Contains("AllowHttpLoopbackIssuers", result.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, _idp.DiscoveryRequests);
    }

    [Theory]
    [InlineData("issuer", "names a different issuer")]
    [InlineData("jwks_uri", "jwks_uri is refused")]
    public async Task A_discovery_document_for_another_issuer_or_with_an_http_jwks_uri_is_refused(string field, string reason)
    {
        if (field == "issuer")
        {
            _idp.DiscoveryIssuer = _idp.Issuer + "/other";
        }
        else
        {
            _idp.JwksUri = "http://keys.example.com/jwks.json";
        }

        var result = await VerifyAsync(s_first);

        Assert.Equal(TokenCheck.KeysUnavailable, result.Failure!.Check);
        Assert.Contains(reason, result.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, _idp.JwksRequests);
    }

    [Fact]
    public async Task A_redirect_is_followed_only_to_an_allowed_URL()
    {
        _idp.JwksRedirect = "http://keys.example.com/jwks.json";
        var refused = await VerifyAsync(s_first);
        Assert.Equal(TokenCheck.KeysUnavailable, refused.Failure!.Check);
        Assert.Contains("redirected to a refused URL", refused.Failure.Message, StringComparison.Ordinal);

        _idp.JwksRedirect = "/moved/jwks.json";
        _time.Advance(_options.MinRefreshInterval);
        var followed = await VerifyAsync(s_first);
        Assert.True(followed.Succeeded, followed.Failure?.Message);
        Assert.Equal(3, _idp.JwksRequests);
    }

    [Fact]
    public async Task The_key_set_can_be_read_without_a_token()
    {
        var keys = await _resolver.GetKeySetAsync(_idp.Issuer, default);
        Assert.Null(keys.Failure);
        Assert.Equal("first", Assert.Single(keys.Keys!.Keys).Kid);
    }

    private ValueTask<TokenVerification> VerifyAsync(TestKey key) => _verifier.VerifyAsync(
        key.Sign(new JsonObject { ["iss"] = _idp.Issuer, ["aud"] = "app", ["exp"] = _time.GetUtcNow().ToUnixTimeSeconds() + 7200 }),
        new TokenExpectations(_idp.Issuer, ["app"]),
        default);
}
