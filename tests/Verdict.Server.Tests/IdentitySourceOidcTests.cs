using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>
/// An OpenID Connect identity source end to end. The provider is this test: it holds an RSA key, signs its own
/// tokens (so it can make expired and not-yet-valid ones), and gives Verdict its JWKS through
/// <c>--pinned-jwks ISSUER=FILE</c>, since an identity source's issuer must be https and a test has no trusted https
/// endpoint. (Discovery over the network is covered by the Verdict.Tokens tests.)
/// </summary>
public sealed class IdentitySourceOidcTests : IDisposable
{
    private const string Issuer = "https://idp.verdict-test.example";
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);
    private readonly string _directory = Directory.CreateTempSubdirectory("verdict-oidc-").FullName;
    private readonly VerdictServerProcess _server;
    private readonly RawClient _client;

    public IdentitySourceOidcTests()
    {
        var parameters = _key.ExportParameters(false);
        var jwks = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["kid"] = "key-1", ["use"] = "sig", ["alg"] = "RS256",
                ["n"] = Base64Url(parameters.Modulus!), ["e"] = Base64Url(parameters.Exponent!),
            }),
        };
        var jwksFile = Path.Combine(_directory, "jwks.json");
        File.WriteAllText(jwksFile, jwks.ToJsonString());
        _server = VerdictServerProcess.Start(extraArguments: ["--pinned-jwks", $"{Issuer}={jwksFile}"]);
        _client = new RawClient(_server);
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
        _key.Dispose();
        _otherKey.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Identity_tokens_map_prefix_principal_claim_and_groups()
    {
        var store = StoreWithSource("""
            {"openIdConnectConfiguration":{"issuer":"https://idp.verdict-test.example","entityIdPrefix":"MyOIDCProvider",
             "groupConfiguration":{"groupClaim":"groups","groupEntityType":"MyCorp::UserGroup"},
             "tokenSelection":{"identityTokenOnly":{"principalIdClaim":"email","clientIds":["1example23456789"]}}}}
            """,
            """permit(principal in MyCorp::UserGroup::"MyOIDCProvider|Accounting", action == Action::"view", resource);""",
            """permit(principal, action == Action::"edit", resource) when { principal.department == "Finance" };""");

        // The group claim as an array, a string and a space-separated string.
        foreach (var groups in new JsonNode[] { new JsonArray("Accounting", "Sales"), JsonValue.Create("Accounting")!, JsonValue.Create("Sales Accounting")! })
        {
            var token = Sign(Claims(("aud", "1example23456789"), ("email", "alice@example.com"), ("groups", groups), ("department", "Finance")));
            var answer = Authorize(store, "identityToken", token, "view");
            Assert.True(answer.Status == HttpStatusCode.OK, answer.Body.ToString());
            Assert.Equal("ALLOW", answer.Body.GetProperty("decision").GetString());
            Assert.Equal("MyCorp::User", answer.Body.GetProperty("principal").GetProperty("entityType").GetString());
            Assert.Equal("MyOIDCProvider|alice@example.com", answer.Body.GetProperty("principal").GetProperty("entityId").GetString());
            Assert.Equal("ALLOW", Authorize(store, "identityToken", token, "edit").Body.GetProperty("decision").GetString());
        }

        var sales = Sign(Claims(("aud", "1example23456789"), ("email", "bob@example.com"), ("groups", "Sales"), ("department", "Sales")));
        Assert.Equal("DENY", Authorize(store, "identityToken", sales, "view").Body.GetProperty("decision").GetString());
        Assert.Equal("DENY", Authorize(store, "identityToken", sales, "edit").Body.GetProperty("decision").GetString());

        // The same call through the AWS CLI.
        var aws = new AwsCli(_server);
        var cli = aws.Json("is-authorized-with-token", "--policy-store-id", store, "--identity-token",
            Sign(Claims(("aud", "1example23456789"), ("email", "alice@example.com"), ("groups", new JsonArray("Accounting")))),
            "--action", "actionType=Action,actionId=view", "--resource", "entityType=Doc,entityId=report");
        Assert.Equal("ALLOW", cli.GetProperty("decision").GetString());
        Assert.Equal("MyOIDCProvider|alice@example.com", cli.GetProperty("principal").GetProperty("entityId").GetString());

        // This source takes identity tokens only.
        var refused = Authorize(store, "accessToken", Sign(Claims(("aud", "1example23456789"), ("email", "alice@example.com"))), "view");
        AssertRefused(refused, "accessToken", "accepts only identity tokens");
    }

    [Fact]
    public void Access_tokens_check_audiences_and_fill_context_token()
    {
        var store = StoreWithSource("""
            {"openIdConnectConfiguration":{"issuer":"https://idp.verdict-test.example","entityIdPrefix":"auth.example.com",
             "tokenSelection":{"accessTokenOnly":{"audiences":["https://api.example.com"]}}}}
            """,
            """permit(principal, action == Action::"read", resource) when { context.token.scope.contains("docs:read") };""");

        var token = Sign(Claims(("aud", new JsonArray("https://api.example.com", "other")), ("scope", "openid docs:read")));
        var answer = Authorize(store, "accessToken", token, "read");
        Assert.Equal("ALLOW", answer.Body.GetProperty("decision").GetString());
        Assert.Equal("auth.example.com|user-1", answer.Body.GetProperty("principal").GetProperty("entityId").GetString());

        // No aud: client_id (or cid) may name the audience, as AVP documents for OIDC access tokens.
        var byClientId = Sign(Claims(("client_id", "https://api.example.com"), ("scope", "docs:read")));
        Assert.Equal("ALLOW", Authorize(store, "accessToken", byClientId, "read").Body.GetProperty("decision").GetString());
        Assert.Equal("DENY", Authorize(store, "accessToken", Sign(Claims(("aud", "https://api.example.com"), ("scope", "docs:write"))), "read")
            .Body.GetProperty("decision").GetString());

        AssertRefused(Authorize(store, "accessToken", Sign(Claims(("aud", "https://elsewhere.example.com"))), "read"), "accessToken", "audience");
        AssertRefused(Authorize(store, "accessToken", Sign(Claims(("aud", "https://api.example.com"), ("token_use", "id"))), "read"), "accessToken", "token_use");
        AssertRefused(Authorize(store, "identityToken", token, "read"), "identityToken", "accepts only access tokens");
    }

    [Fact]
    public void Bad_tokens_are_refused_each_for_its_own_reason()
    {
        var store = StoreWithSource("""
            {"openIdConnectConfiguration":{"issuer":"https://idp.verdict-test.example","tokenSelection":{"identityTokenOnly":{"clientIds":["c1"]}}}}
            """,
            "permit(principal, action, resource);");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var good = Sign(Claims(("aud", "c1")));
        var answer = Authorize(store, "identityToken", good, "view");
        Assert.Equal("ALLOW", answer.Body.GetProperty("decision").GetString());
        Assert.Equal("user-1", answer.Body.GetProperty("principal").GetProperty("entityId").GetString());

        var cases = new (string Token, string Reason)[]
        {
            (Sign(Claims(("aud", "c1"), ("exp", now - 10)))!, "expired"),
            (Sign(Claims(("aud", "c1"), ("nbf", now + 600)))!, "not valid yet"),
            (Sign(Claims(("aud", "c2")))!, "audience"),
            (Sign(Claims(("aud", "c1"), ("iss", "https://evil.example.com")))!, "issuer"),
            (Sign(Claims(("aud", "c1")), _otherKey)!, "signature"),
            (Sign(Claims(("aud", "c1")), kid: "key-2")!, "kid"),
            (Sign(Claims(("aud", "c1")), alg: "RS512")!, "alg"),
            (Sign(Claims(("aud", "c1"), ("sub", 42)))!, "'sub'"),
        };
        foreach (var (token, reason) in cases)
        {
            AssertRefused(Authorize(store, "identityToken", token, "view"), "identityToken", reason);
        }
    }

    private string StoreWithSource(string configuration, params string[] policies)
    {
        var store = _client.CreateStore();
        var created = _client.Call("VerifiedPermissions.CreateIdentitySource",
            $$"""{"policyStoreId":"{{store}}","principalEntityType":"MyCorp::User","configuration":{{configuration}}}""");
        Assert.True(created.Status == HttpStatusCode.OK, created.Body.ToString());
        foreach (var policy in policies)
        {
            var answer = _client.Call("VerifiedPermissions.CreatePolicy",
                JsonSerializer.Serialize(new { policyStoreId = store, definition = new { @static = new { statement = policy } } }));
            Assert.True(answer.Status == HttpStatusCode.OK, answer.Body.ToString());
        }

        return store;
    }

    private RawClient.Answer Authorize(string store, string parameter, string token, string action) =>
        _client.Call("VerifiedPermissions.IsAuthorizedWithToken", new JsonObject
        {
            ["policyStoreId"] = store,
            [parameter] = token,
            ["action"] = new JsonObject { ["actionType"] = "Action", ["actionId"] = action },
            ["resource"] = new JsonObject { ["entityType"] = "Doc", ["entityId"] = "report" },
        }.ToJsonString());

    private static void AssertRefused(RawClient.Answer answer, string parameter, string reason)
    {
        Assert.True(answer.Status == HttpStatusCode.BadRequest, answer.Body.ToString());
        Assert.Equal("ValidationException", answer.Type);
        Assert.Contains(reason, answer.Message, StringComparison.Ordinal);
        Assert.Equal(parameter, answer.Body.GetProperty("fieldList")[0].GetProperty("path").GetString());
    }

    private static JsonObject Claims(params (string Name, JsonNode? Value)[] claims)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var result = new JsonObject { ["iss"] = Issuer, ["sub"] = "user-1", ["iat"] = now, ["exp"] = now + 600 };
        foreach (var (name, value) in claims)
        {
            result[name] = value?.DeepClone();
        }

        return result;
    }

    private string Sign(JsonObject claims, RSA? key = null, string kid = "key-1", string alg = "RS256")
    {
        var header = new JsonObject { ["alg"] = alg, ["kid"] = kid, ["typ"] = "JWT" };
        var input = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var hash = alg == "RS512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        var signature = (key ?? _key).SignData(Encoding.ASCII.GetBytes(input), hash, RSASignaturePadding.Pkcs1);
        return input + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
