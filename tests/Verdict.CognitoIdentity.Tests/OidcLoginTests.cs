using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verdict.CognitoIdentity.Tests;

/// <summary>
/// Logins of an OpenID Connect provider (OpenIdConnectProviderARNs) verified for real, without network: the issuer's
/// keys are pinned (<c>verdict serve --pinned-jwks https://oidc.example.com=FILE</c>) and the tokens signed here.
/// </summary>
[Trait("Category", "Server")]
public sealed class OidcLoginTests : IDisposable
{
    private const string Issuer = "https://oidc.example.com";
    private const string Provider = "oidc.example.com";

    private readonly string _data = Directory.CreateTempSubdirectory("verdict-idpools-oidc-").FullName;
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);
    private readonly VerdictServerProcess _server;

    public OidcLoginTests()
    {
        var parameters = _key.ExportParameters(false);
        var jwks = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["kid"] = "k1", ["alg"] = "RS256", ["use"] = "sig",
                ["n"] = Convert.ToBase64String(parameters.Modulus!).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
                ["e"] = Convert.ToBase64String(parameters.Exponent!).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            }),
        };
        var file = Path.Combine(_data, "oidc-jwks.json");
        File.WriteAllText(file, jwks.ToJsonString());
        _server = VerdictServerProcess.StartServe(Path.Combine(_data, "data"), "--pinned-jwks", $"{Issuer}={file}");
    }

    [Fact]
    public void Oidc_tokens_are_checked_for_issuer_key_signature_and_expiry()
    {
        var poolId = Cli("create-identity-pool", "--identity-pool-name", "oidc", "--no-allow-unauthenticated-identities",
            "--open-id-connect-provider-arns", $"arn:aws:iam::000000000000:oidc-provider/{Provider}",
            "--supported-login-providers", "graph.facebook.com=1234").Json.GetProperty("IdentityPoolId").GetString()!;
        Assert.Equal(0, Cli("set-identity-pool-roles", "--identity-pool-id", poolId, "--roles", "authenticated=arn:aws:iam::000000000000:role/Oidc").ExitCode);

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var good = Token(_key, Issuer, "user-42", now + 300);
        var identityId = Unsigned("get-id", "--identity-pool-id", poolId, "--logins", $"{Provider}={good}").Json.GetProperty("IdentityId").GetString()!;
        Assert.Equal(identityId, Unsigned("get-id", "--identity-pool-id", poolId, "--logins", $"{Provider}={Token(_key, Issuer, "user-42", now + 600)}")
            .Json.GetProperty("IdentityId").GetString());
        Assert.Equal(Provider, Cli("describe-identity", "--identity-id", identityId).Json.GetProperty("Logins")[0].GetString());
        var credentials = Unsigned("get-credentials-for-identity", "--identity-id", identityId, "--logins", $"{Provider}={good}");
        Assert.StartsWith("ASIA", credentials.Json.GetProperty("Credentials").GetProperty("AccessKeyId").GetString(), StringComparison.Ordinal);

        var expiredAt = now - 60;
        Refused($"Invalid login token. Token expired: {expiredAt} >= ", "get-id", "--identity-pool-id", poolId,
            "--logins", $"{Provider}={Token(_key, Issuer, "user-42", expiredAt)}");
        Refused("Invalid login token. Issuer doesn't match providerName", "get-id", "--identity-pool-id", poolId,
            "--logins", $"{Provider}={Token(_key, "https://evil.example.com", "user-42", now + 300)}");
        Refused("Invalid login token. Not a valid OpenId Connect identity token.", "get-id", "--identity-pool-id", poolId,
            "--logins", $"{Provider}={Token(_otherKey, Issuer, "user-42", now + 300)}");
        var unsigned = good[..good.LastIndexOf('.')].Replace(good.Split('.')[0], B64("""{"alg":"none","kid":"k1"}"""), StringComparison.Ordinal) + ".";
        Refused("Invalid login token. Not a valid OpenId Connect identity token.", "get-id", "--identity-pool-id", poolId, "--logins", $"{Provider}={unsigned}");
        Refused("Logins don't match. Please include at least one valid login for this identity or identity pool.", "get-id", "--identity-pool-id", poolId,
            "--logins", $"other.example.com={good}");
        Refused("Invalid login token. Verdict cannot verify tokens of graph.facebook.com.", "get-id", "--identity-pool-id", poolId,
            "--logins", "graph.facebook.com=EAAB-facebook-access-token");
    }

    public void Dispose()
    {
        _server.Dispose();
        _key.Dispose();
        _otherKey.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private ExternalCommand.Result Cli(params string[] arguments) => ExternalCommand.Aws(_server.BaseUrl, [.. arguments, "--region", "us-east-1"]);

    private ExternalCommand.Result Unsigned(params string[] arguments)
    {
        var result = Cli([.. arguments, "--no-sign-request"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result;
    }

    private void Refused(string messageStart, params string[] arguments)
    {
        var result = Cli([.. arguments, "--no-sign-request"]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("An error occurred (NotAuthorizedException) when calling the GetId operation: " + messageStart, result.Stderr, StringComparison.Ordinal);
    }

    private static string Token(RSA key, string issuer, string subject, long expires)
    {
        var header = B64("""{"alg":"RS256","kid":"k1","typ":"JWT"}""");
        var claims = B64(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = issuer, ["sub"] = subject, ["aud"] = "my-app", ["exp"] = expires, ["iat"] = expires - 300,
        }));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + claims), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + claims + "." + Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
