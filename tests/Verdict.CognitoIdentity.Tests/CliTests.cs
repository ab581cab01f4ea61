using System.Text.Json;

namespace Verdict.CognitoIdentity.Tests;

/// <summary>The AWS CLI v2 against a started server: the user's seed verbatim, and each operation group with its errors.</summary>
[Collection(ServerCollection.Name)]
[Trait("Category", "Server")]
public sealed class CliTests(ServerFixture fixture)
{
    private const string SeedPoolId = "us-west-2:11111111-1111-1111-1111-111111111111";

    /// <summary>The example of /work/shared/seeds/002 (aws cognito-identity update-identity-pool), command and output as printed there.</summary>
    private const string SeedCommand =
        "aws cognito-identity update-identity-pool --identity-pool-id \"us-west-2:11111111-1111-1111-1111-111111111111\" --identity-pool-name \"MyIdentityPool\" --no-allow-unauthenticated-identities --cognito-identity-providers ProviderName=\"cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111\",ClientId=\"3n4b5urk1ft4fl3mg5e62d9ado\",ServerSideTokenCheck=false";

    private const string SeedOutput = """
        {
        "IdentityPoolId": "us-west-2:11111111-1111-1111-1111-111111111111",
        "IdentityPoolName": "MyIdentityPool",
        "AllowUnauthenticatedIdentities": false,
        "CognitoIdentityProviders": [
        {
        "ProviderName": "cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111",
        "ClientId": "3n4b5urk1ft4fl3mg5e62d9ado",
        "ServerSideTokenCheck": false
        }
        ]
        }
        """;

    private string Endpoint => fixture.Server.BaseUrl;

    [Fact]
    public void Seed_update_identity_pool_gives_the_seed_output_byte_for_byte_apart_from_the_id()
    {
        var created = Cli("us-west-2", "create-identity-pool", "--identity-pool-name", "BeforeTheSeed", "--allow-unauthenticated-identities",
            "--allow-classic-flow", "--identity-pool-tags", "team=auth");
        Assert.Equal(0, created.ExitCode);
        var poolId = created.Json.GetProperty("IdentityPoolId").GetString()!;

        // The seed's own command line, split as a shell would, with only the pool id replaced.
        var arguments = ShellWords(SeedCommand.Replace(SeedPoolId, poolId, StringComparison.Ordinal)).Skip(2).ToList();
        var result = Cli("us-west-2", [.. arguments]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        // The seed page shows the CLI's output with its indentation stripped; compare line by line, ids aside.
        var printed = result.Stdout.Replace(poolId, SeedPoolId, StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(l => l.TrimStart());
        Assert.Equal(SeedOutput.Split('\n'), printed);

        var described = Cli("us-west-2", "describe-identity-pool", "--identity-pool-id", poolId);
        Assert.Equal(result.Stdout, described.Stdout);
    }

    [Fact]
    public void Seed_text_in_the_shared_documents_is_the_one_tested()
    {
        var seed = Path.Combine("/work/shared/seeds", "002_887ad0bd7b36454b.txt");
        if (!File.Exists(seed))
        {
            return; // Outside the development machine the seed documents are not present; the constants above are the copy.
        }

        var text = File.ReadAllText(seed);
        Assert.Contains(SeedCommand, text, StringComparison.Ordinal);
        Assert.Contains("Output:\n" + SeedOutput, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_lifecycle_and_tags_through_the_cli_with_errors()
    {
        var created = Cli("eu-west-1", "create-identity-pool", "--identity-pool-name", "cli pool", "--no-allow-unauthenticated-identities",
            "--developer-provider-name", "login.cli.app", "--supported-login-providers", "graph.facebook.com=123",
            "--open-id-connect-provider-arns", "arn:aws:iam::000000000000:oidc-provider/auth.example.com",
            "--saml-provider-arns", "arn:aws:iam::000000000000:saml-provider/corp");
        Assert.True(created.ExitCode == 0, created.Stderr);
        var pool = created.Json;
        var poolId = pool.GetProperty("IdentityPoolId").GetString()!;
        Assert.StartsWith("eu-west-1:", poolId, StringComparison.Ordinal);
        Assert.False(pool.TryGetProperty("AllowClassicFlow", out _));
        Assert.Equal("123", pool.GetProperty("SupportedLoginProviders").GetProperty("graph.facebook.com").GetString());

        var arn = $"arn:aws:cognito-identity:eu-west-1:000000000000:identitypool/{poolId}";
        Assert.Equal(0, Cli("eu-west-1", "tag-resource", "--resource-arn", arn, "--tags", "a=1,b=2").ExitCode);
        Assert.Equal(0, Cli("eu-west-1", "untag-resource", "--resource-arn", arn, "--tag-keys", "a").ExitCode);
        var tags = Cli("eu-west-1", "list-tags-for-resource", "--resource-arn", arn).Json.GetProperty("Tags");
        Assert.Equal("""{"b":"2"}""", JsonSerializer.Serialize(tags));

        var listed = Cli("eu-west-1", "list-identity-pools", "--max-results", "60").Json.GetProperty("IdentityPools");
        Assert.Contains(listed.EnumerateArray(), p => p.GetProperty("IdentityPoolId").GetString() == poolId && p.GetProperty("IdentityPoolName").GetString() == "cli pool");

        var roles = Cli("eu-west-1", "set-identity-pool-roles", "--identity-pool-id", poolId, "--roles", "authenticated=arn:aws:iam::000000000000:role/A");
        Assert.True(roles.ExitCode == 0, roles.Stderr);
        Assert.Equal("arn:aws:iam::000000000000:role/A",
            Cli("eu-west-1", "get-identity-pool-roles", "--identity-pool-id", poolId).Json.GetProperty("Roles").GetProperty("authenticated").GetString());

        var developer = Cli("eu-west-1", "get-open-id-token-for-developer-identity", "--identity-pool-id", poolId, "--logins", "login.cli.app=user-7");
        Assert.True(developer.ExitCode == 0, developer.Stderr);
        var identityId = developer.Json.GetProperty("IdentityId").GetString()!;
        var identity = Cli("eu-west-1", "describe-identity", "--identity-id", identityId).Json;
        Assert.Equal("login.cli.app", identity.GetProperty("Logins")[0].GetString());
        Assert.Equal(JsonValueKind.Number, identity.GetProperty("CreationDate").ValueKind);
        var lookup = Cli("eu-west-1", "lookup-developer-identity", "--identity-pool-id", poolId, "--developer-user-identifier", "user-7").Json;
        Assert.Equal(identityId, lookup.GetProperty("IdentityId").GetString());

        Fails("ValidationException",
            "1 validation error detected: Value 'no/slash' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
            "eu-west-1", "create-identity-pool", "--identity-pool-name", "no/slash", "--allow-unauthenticated-identities");
        Fails("InvalidParameterException", "Cannot change DeveloperProviderName once it is set.",
            "eu-west-1", "update-identity-pool", "--identity-pool-id", poolId, "--identity-pool-name", "cli pool", "--no-allow-unauthenticated-identities",
            "--developer-provider-name", "other");
        Fails("ResourceNotFoundException", $"IdentityPool '{poolId}' not found.", "us-east-1", "describe-identity-pool", "--identity-pool-id", poolId);
        Fails("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.",
            "eu-west-1", "get-id", "--identity-pool-id", poolId, "--no-sign-request");

        Assert.Equal(0, Cli("eu-west-1", "delete-identity-pool", "--identity-pool-id", poolId).ExitCode);
        Fails("ResourceNotFoundException", $"IdentityPool '{poolId}' not found.", "eu-west-1", "delete-identity-pool", "--identity-pool-id", poolId);
    }

    [Fact]
    public void Unsigned_guest_flow_through_the_cli()
    {
        var poolId = Cli("ap-southeast-2", "create-identity-pool", "--identity-pool-name", "guests", "--allow-unauthenticated-identities")
            .Json.GetProperty("IdentityPoolId").GetString()!;
        Assert.Equal(0, Cli("ap-southeast-2", "set-identity-pool-roles", "--identity-pool-id", poolId,
            "--roles", "unauthenticated=arn:aws:iam::000000000000:role/Guest").ExitCode);

        // No --region and no credentials: the unsigned calls take the region from the ids.
        var identityId = Unsigned("get-id", "--identity-pool-id", poolId).Json.GetProperty("IdentityId").GetString()!;
        Assert.StartsWith("ap-southeast-2:", identityId, StringComparison.Ordinal);
        var token = Unsigned("get-open-id-token", "--identity-id", identityId).Json.GetProperty("Token").GetString()!;
        Assert.Equal(3, token.Split('.').Length);
        var credentials = Unsigned("get-credentials-for-identity", "--identity-id", identityId).Json.GetProperty("Credentials");
        Assert.StartsWith("ASIA", credentials.GetProperty("AccessKeyId").GetString(), StringComparison.Ordinal);
        var expiration = DateTimeOffset.FromUnixTimeSeconds((long)credentials.GetProperty("Expiration").GetDouble()); // epoch seconds on the wire
        Assert.InRange(expiration - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
    }

    private ExternalCommand.Result Cli(string region, params string[] arguments) =>
        ExternalCommand.Aws(Endpoint, [.. arguments, "--region", region]);

    private ExternalCommand.Result Unsigned(params string[] arguments)
    {
        var result = ExternalCommand.Aws(Endpoint, [.. arguments, "--no-sign-request", "--region", "us-east-1"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result;
    }

    private void Fails(string code, string message, string region, params string[] arguments)
    {
        var result = Cli(region, arguments);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"An error occurred ({code}) when calling the ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(": " + message, result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Splits a command line the way a POSIX shell does for the quoting the seed uses (double quotes, no escapes).</summary>
    private static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var inQuotes = false;
        var any = false;
        foreach (var ch in line)
        {
            if (ch == '"')
            {
                inQuotes = !inQuotes;
                any = true;
            }
            else if (ch == ' ' && !inQuotes)
            {
                if (any)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(ch);
                any = true;
            }
        }

        if (any)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
