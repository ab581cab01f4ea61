using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Protocol;
using Verdict.Storage;
using Verdict.Storage.Sqlite;
using Verdict.Tokens;
using Verdict.VerifiedPermissions.Authorization;
using Verdict.VerifiedPermissions.Common;
using Verdict.VerifiedPermissions.IdentitySources;

namespace Verdict.Server.Tests;

/// <summary>
/// The verified-token cache of token authorization: a repeated token is not verified again until it expires, other
/// expectations are a different entry, and refusals are never remembered; token authorization maps a repeated token once.
/// </summary>
public sealed class IdentitySourceTokenCacheTests : IDisposable
{
    private const string Issuer = "https://idp.cache-test.example";
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _directory = Directory.CreateTempSubdirectory("verdict-token-cache-").FullName;
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly IssuerKeyResolver _keys;
    private readonly IdentitySourceTokenVerifier _verifier;

    public IdentitySourceTokenCacheTests()
    {
        var parameters = _key.ExportParameters(false);
        var jwks = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject { ["kty"] = "RSA", ["kid"] = "k1", ["alg"] = "RS256", ["n"] = Base64Url(parameters.Modulus!), ["e"] = Base64Url(parameters.Exponent!) }),
        };
        var file = Path.Combine(_directory, "jwks.json");
        File.WriteAllText(file, jwks.ToJsonString());
        var options = new TokenVerifierOptions();
        options.PinnedJwksFiles[Issuer] = file;
        _keys = new IssuerKeyResolver(options, _clock);
        _verifier = new IdentitySourceTokenVerifier(new JwtVerifier(_keys, _clock, options), _clock);
    }

    public void Dispose()
    {
        _keys.Dispose();
        _key.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_verified_token_is_remembered_until_it_expires()
    {
        var token = Sign(_clock.GetUtcNow().AddMinutes(10));
        var expectations = new TokenExpectations(Issuer, ["c1"], AllowClientIdAsAudience: false);
        for (var i = 0; i < 3; i++)
        {
            var verification = await _verifier.VerifyAsync(token, expectations, CancellationToken.None);
            Assert.True(verification.Succeeded);
            Assert.Equal("user-1", (string)verification.Token!.Claims["sub"]!);
        }

        Assert.Equal(1, _verifier.Verifications);

        // Other expectations are another question: verified (and refused) anew.
        var other = await _verifier.VerifyAsync(token, expectations with { Audiences = ["c2"] }, CancellationToken.None);
        Assert.Equal(TokenCheck.Audience, other.Failure!.Check);
        await _verifier.VerifyAsync(token, expectations with { Audiences = ["c2"] }, CancellationToken.None);
        Assert.Equal(3, _verifier.Verifications);

        // Past its exp the remembered token is refused: the verifier runs again and says why.
        _clock.Advance(TimeSpan.FromMinutes(11));
        var expired = await _verifier.VerifyAsync(token, expectations, CancellationToken.None);
        Assert.Equal(TokenCheck.Expired, expired.Failure!.Check);
        Assert.Equal(4, _verifier.Verifications);
    }

    [Fact]
    public async Task Each_caller_gets_its_own_claims()
    {
        var token = Sign(_clock.GetUtcNow().AddMinutes(10));
        var expectations = new TokenExpectations(Issuer, ["c1"]);
        var first = await _verifier.VerifyAsync(token, expectations, CancellationToken.None);
        var second = await _verifier.VerifyAsync(token, expectations, CancellationToken.None);
        Assert.NotSame(first.Token!.Claims, second.Token!.Claims);
        second.Token.Claims["sub"] = "changed";
        var third = await _verifier.VerifyAsync(token, expectations, CancellationToken.None);
        Assert.Equal("user-1", (string)third.Token!.Claims["sub"]!);
    }

    [Fact]
    public async Task Token_authorization_maps_a_repeated_token_once_and_refuses_it_once_expired()
    {
        var tenant = new Tenant("123456789012", "us-east-1");
        using var storage = new SqliteVerdictStorage(Path.Combine(_directory, "verdict.db"));
        await storage.InitializeAsync(CancellationToken.None);
        await storage.PolicyStores.CreateAsync(
            tenant, new NewPolicyStore("store1", "OFF", "DISABLED", null, """{"default":{}}""", "CEDAR_4", _clock.GetUtcNow(), new Dictionary<string, string>()),
            100, null, created => "{}", CancellationToken.None);
        var configuration = new IdentitySourceConfiguration(null, new OpenIdConnectConfiguration(
            Issuer, "idp", null, new OpenIdConnectTokenSelection(null, new OpenIdConnectIdentityTokenConfiguration(null, ["c1"]))));
        await storage.IdentitySources.CreateAsync(
            new IdentitySourceRecord(tenant, "store1", "source1", "App::User", IdentitySourceConfigurations.ToStoredJson(configuration), _clock.GetUtcNow(), _clock.GetUtcNow()),
            1, null, created => "{}", CancellationToken.None);
        var resolver = new PolicyStoreResolver(storage);
        var operations = new TokenAuthorizationOperations(resolver, new CompiledPolicyStores(storage), _verifier, _clock);
        var table = new OperationTable(["IsAuthorizedWithToken", "BatchIsAuthorizedWithToken"]);
        operations.Register(table);
        var token = Sign(_clock.GetUtcNow().AddMinutes(10));
        using var input = JsonDocument.Parse(new JsonObject
        {
            ["policyStoreId"] = "store1",
            ["identityToken"] = token,
            ["action"] = new JsonObject { ["actionType"] = "App::Action", ["actionId"] = "view" },
            ["resource"] = new JsonObject { ["entityType"] = "App::Doc", ["entityId"] = "d1" },
        }.ToJsonString());
        var request = new AwsRequest("IsAuthorizedWithToken", input.RootElement, new CallerIdentity(tenant.Account, tenant.Region, null), "r1", _clock.GetUtcNow());

        for (var i = 0; i < 3; i++)
        {
            var answer = await table.Handlers["IsAuthorizedWithToken"](request, CancellationToken.None);
            Assert.Null(answer.Error);
            Assert.Contains("\"entityId\":\"idp|user-1\"", Output(answer), StringComparison.Ordinal);
        }

        Assert.Equal(1, _verifier.Verifications);
        _clock.Advance(TimeSpan.FromMinutes(11));
        var expired = await table.Handlers["IsAuthorizedWithToken"](request, CancellationToken.None);
        Assert.Equal("ValidationException", expired.Error!.Type);
        Assert.Contains("expiry check failed", expired.Error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _verifier.Verifications);
    }

    private static string Output(AwsResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            result.WriteOutput!(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private string Sign(DateTimeOffset expires)
    {
        var header = """{"alg":"RS256","kid":"k1"}""";
        var claims = new JsonObject { ["iss"] = Issuer, ["sub"] = "user-1", ["aud"] = "c1", ["exp"] = expires.ToUnixTimeSeconds() }.ToJsonString();
        var input = Base64Url(Encoding.UTF8.GetBytes(header)) + "." + Base64Url(Encoding.UTF8.GetBytes(claims));
        return input + "." + Base64Url(_key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
