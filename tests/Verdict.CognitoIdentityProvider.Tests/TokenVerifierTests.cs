using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.CognitoIdentityProvider.Tokens;

namespace Verdict.CognitoIdentityProvider.Tests;

/// <summary>The in-server verification API (for IsAuthorizedWithToken), against tokens issued through the real issuer and storage.</summary>
public sealed class TokenVerifierTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("verdict-cognito-verifier-").FullName;
    private readonly ManualTime _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private SqliteCognitoStorage _storage = null!;
    private SigningKeyCache _keys = null!;
    private TokenIssuer _issuer = null!;
    private CognitoTokenVerifier _verifier = null!;
    private UserPoolRecord _pool = null!;
    private UserPoolClientRecord _client = null!;
    private UserRecord _user = null!;

    public async Task InitializeAsync()
    {
        _storage = new SqliteCognitoStorage(Path.Combine(_data, "cognito-idp.db"));
        _keys = new SigningKeyCache(_storage);
        var options = new CognitoOptions { PublicBaseUrl = "https://idp.example.test/" };
        _issuer = new TokenIssuer(_storage, _keys, new IssuerResolver(options, new ServiceCollection().BuildServiceProvider()), _time);
        _verifier = new CognitoTokenVerifier(_storage, _keys, _time);
        var now = _time.GetUtcNow();
        _pool = new UserPoolRecord("000000000000", "us-east-1", "us-east-1_Verifier1", "p", now, now, []);
        await _storage.CreateUserPoolAsync(_pool, PoolSigningKeys.Generate(_pool.UserPoolId, now), default);
        _client = new UserPoolClientRecord(_pool.UserPoolId, "abcdefghijklmnopqrstuvwxyz", "c", null, now, now, []);
        await _storage.CreateClientAsync(_client, default);
        _user = new UserRecord(_pool.UserPoolId, "uma", "11111111-2222-3333-4444-555555555555", true, "CONFIRMED", null, null, null, null,
            [new("sub", "11111111-2222-3333-4444-555555555555"), new("email", "uma@example.com")], now, now);
        await _storage.CreateUserAsync(_user, default);
    }

    public Task DisposeAsync()
    {
        _storage.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Verifies_id_and_access_tokens_until_they_expire()
    {
        var tokens = await _issuer.SignInAsync(_pool, _client, _user, default);
        var (id, idFailure) = await _verifier.VerifyAsync(tokens["IdToken"]!.GetValue<string>(), default);
        Assert.Equal(CognitoTokenFailure.None, idFailure);
        Assert.Equal("id", id!.TokenUse);
        Assert.Equal("https://idp.example.test/us-east-1_Verifier1", id.Claims["iss"]!.GetValue<string>());
        Assert.Equal("uma@example.com", id.Claims["email"]!.GetValue<string>());
        Assert.False(id.Claims.ContainsKey("cognito:groups"));

        var (access, _) = await _verifier.VerifyAsync(tokens["AccessToken"]!.GetValue<string>(), default);
        Assert.Equal("access", access!.TokenUse);
        Assert.Equal(_client.ClientId, access.Claims["client_id"]!.GetValue<string>());

        _time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(CognitoTokenFailure.Expired, (await _verifier.VerifyAsync(tokens["IdToken"]!.GetValue<string>(), default)).Failure);
    }

    [Fact]
    public async Task Refuses_tampered_tokens_and_tokens_of_deleted_pools()
    {
        var tokens = await _issuer.SignInAsync(_pool, _client, _user, default);
        var idToken = tokens["IdToken"]!.GetValue<string>();
        var parts = idToken.Split('.');
        var claims = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        claims["email"] = "mallory@example.com";
        var tampered = parts[0] + "." + System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(claims.ToJsonString())) + "." + parts[2];
        Assert.Equal(CognitoTokenFailure.Invalid, (await _verifier.VerifyAsync(tampered, default)).Failure);
        Assert.Equal(CognitoTokenFailure.Invalid, (await _verifier.VerifyAsync("not.a.jwt", default)).Failure);

        await _storage.DeleteUserPoolAsync(_pool.Account, _pool.Region, _pool.UserPoolId, default);
        _keys.Forget(_pool.UserPoolId);
        Assert.Equal(CognitoTokenFailure.Invalid, (await _verifier.VerifyAsync(idToken, default)).Failure);
    }

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
