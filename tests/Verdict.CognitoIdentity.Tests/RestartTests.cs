using System.Text.Json;

namespace Verdict.CognitoIdentity.Tests;

/// <summary>What an identity pool wrote survives a hard stop: pools, identities, logins and the issuer's signing key.</summary>
[Trait("Category", "Server")]
public sealed class RestartTests
{
    [Fact]
    public async Task Pools_identities_and_the_issuer_key_survive_a_kill()
    {
        var data = Directory.CreateTempSubdirectory("verdict-idpools-restart-").FullName;
        try
        {
            string poolId, identityId, token, kid;
            int port;
            using (var first = VerdictServerProcess.Start(data))
            {
                poolId = Aws(first, "create-identity-pool", "--identity-pool-name", "durable", "--allow-unauthenticated-identities",
                    "--region", "us-east-2").GetProperty("IdentityPoolId").GetString()!;
                identityId = Aws(first, "get-id", "--identity-pool-id", poolId, "--no-sign-request", "--region", "us-east-2")
                    .GetProperty("IdentityId").GetString()!;
                token = Aws(first, "get-open-id-token", "--identity-id", identityId, "--no-sign-request", "--region", "us-east-2")
                    .GetProperty("Token").GetString()!;
                kid = await KidAsync(first);
                port = first.Port;
            } // disposing kills the process: no orderly shutdown

            // The same port: the issuer is the server's own URL, so tokens name it.
            using var second = VerdictServerProcess.Start(data, port);
            Assert.Equal("durable", Aws(second, "describe-identity-pool", "--identity-pool-id", poolId, "--region", "us-east-2")
                .GetProperty("IdentityPoolName").GetString());
            Assert.Equal(identityId, Aws(second, "describe-identity", "--identity-id", identityId, "--region", "us-east-2")
                .GetProperty("IdentityId").GetString());
            Assert.Equal(kid, await KidAsync(second));

            // A token issued before the restart still proves the identity afterwards.
            var again = Aws(second, "get-id", "--identity-pool-id", poolId, "--logins", $"cognito-identity.amazonaws.com={token}",
                "--no-sign-request", "--region", "us-east-2");
            Assert.Equal(identityId, again.GetProperty("IdentityId").GetString());
            Assert.True(File.Exists(Path.Combine(data, "cognito-identity.db")));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static JsonElement Aws(VerdictServerProcess server, params string[] arguments)
    {
        var result = ExternalCommand.Aws(server.BaseUrl, arguments);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Json;
    }

    private static async Task<string> KidAsync(VerdictServerProcess server)
    {
        using var http = new HttpClient();
        using var jwks = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.BaseUrl + "/cognito-identity/.well-known/jwks_uri")));
        return jwks.RootElement.GetProperty("keys")[0].GetProperty("kid").GetString()!;
    }
}
