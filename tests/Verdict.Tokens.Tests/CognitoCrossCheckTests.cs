using Microsoft.Extensions.DependencyInjection;
using Verdict.CognitoIdentityProvider;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.CognitoIdentityProvider.Tokens;
using Verdict.Tokens.Tests.Support;

namespace Verdict.Tokens.Tests;

/// <summary>
/// Tokens minted by Verdict's own user pool (the real TokenIssuer over SQLite storage) verify through the services
/// AddCognitoIdentityProvider registers: the local directory supplies the keys, under either issuer name, without network.
/// </summary>
public sealed class CognitoCrossCheckTests : IAsyncLifetime
{
    private const string PoolId = "eu-west-1_CrossChk1";
    private readonly string _data = Directory.CreateTempSubdirectory("verdict-tokens-cognito-").FullName;
    private readonly ManualTime _time = new();
    private ServiceProvider _services = null!;
    private ICognitoStorage _storage = null!;
    private UserPoolRecord _pool = null!;
    private UserPoolClientRecord _client = null!;
    private UserRecord _user = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddCognitoIdentityProvider(cognito =>
        {
            cognito.DataDirectory = _data;
            cognito.PublicBaseUrl = "https://verdict.example.test/";
        });
        _services = services.BuildServiceProvider();
        _storage = _services.GetRequiredService<ICognitoStorage>();
        await _storage.InitializeAsync(default);
        var now = _time.GetUtcNow();
        _pool = new UserPoolRecord("111122223333", "eu-west-1", PoolId, "p", now, now, []);
        await _storage.CreateUserPoolAsync(_pool, PoolSigningKeys.Generate(PoolId, now), default);
        _client = new UserPoolClientRecord(PoolId, "clientabcdefghijklmnopqrst", "c", null, now, now, []);
        await _storage.CreateClientAsync(_client, default);
        _user = new UserRecord(PoolId, "uma", "11111111-2222-3333-4444-555555555555", true, "CONFIRMED", null, null, null, null,
            [new("sub", "11111111-2222-3333-4444-555555555555"), new("email", "uma@example.com")], now, now);
        await _storage.CreateUserAsync(_user, default);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Theory]
    [InlineData("https://verdict.example.test/" + PoolId)]
    [InlineData("https://cognito-idp.eu-west-1.amazonaws.com/" + PoolId)]
    public async Task Id_and_access_tokens_of_a_Verdict_pool_verify_under_either_issuer_name(string expectedIssuer)
    {
        var tokens = await _services.GetRequiredService<TokenIssuer>().SignInAsync(_pool, _client, _user, default);
        var verifier = _services.GetRequiredService<JwtVerifier>();

        var id = await verifier.VerifyAsync(tokens["IdToken"]!.GetValue<string>(), new TokenExpectations(expectedIssuer, [_client.ClientId], RequiredTokenUse: "id"), default);
        Assert.True(id.Succeeded, id.Failure?.Message);
        Assert.Equal("https://verdict.example.test/" + PoolId, id.Token!.Issuer);
        Assert.Equal("uma@example.com", id.Token.Claims["email"]!.GetValue<string>());
        var local = id.Token.Local!;
        Assert.Equal((PoolId, "111122223333", "eu-west-1"), (local.UserPoolId, local.AccountId, local.Region));
        Assert.Equal("https://cognito-idp.eu-west-1.amazonaws.com/" + PoolId, local.AwsIssuer);
        Assert.Equal("https://verdict.example.test/" + PoolId, local.VerdictIssuer);

        // Access tokens carry the client in client_id, not aud.
        var access = await verifier.VerifyAsync(tokens["AccessToken"]!.GetValue<string>(), new TokenExpectations(expectedIssuer, [_client.ClientId], RequiredTokenUse: "access"), default);
        Assert.True(access.Succeeded, access.Failure?.Message);
        Assert.Equal("uma", access.Token!.Claims["username"]!.GetValue<string>());

        var wrongUse = await verifier.VerifyAsync(tokens["AccessToken"]!.GetValue<string>(), new TokenExpectations(expectedIssuer, [_client.ClientId], RequiredTokenUse: "id"), default);
        Assert.Equal(TokenCheck.TokenUse, wrongUse.Failure!.Check);

        _time.Advance(TimeSpan.FromHours(2));
        var expired = await verifier.VerifyAsync(tokens["IdToken"]!.GetValue<string>(), new TokenExpectations(expectedIssuer), default);
        Assert.Equal(TokenCheck.Expired, expired.Failure!.Check);
    }

    [Fact]
    public async Task The_directory_knows_only_hosted_pools_under_their_exact_names()
    {
        var directory = _services.GetRequiredService<ILocalIssuerDirectory>();
        Assert.NotNull(await directory.FindAsync("https://verdict.example.test/" + PoolId, default));
        Assert.NotNull(await directory.FindAsync("https://cognito-idp.eu-west-1.amazonaws.com/" + PoolId, default));
        Assert.Null(await directory.FindAsync("https://cognito-idp.us-east-1.amazonaws.com/" + PoolId, default));
        Assert.Null(await directory.FindAsync("https://evil.example.test/" + PoolId, default));
        Assert.Null(await directory.FindAsync("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_NotHosted", default));
        Assert.Null(await directory.FindAsync("no-slash", default));
        Assert.Null(await directory.FindAsync("https://verdict.example.test/", default));

        var keys = (await directory.FindAsync("https://verdict.example.test/" + PoolId, default))!.Keys;
        Assert.Equal(2, keys.Count);
        Assert.All(keys.Keys, k => Assert.Equal("RS256", k.Algorithm));
    }
}
