using System.Text.Json;
using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>
/// Terraform with the real AWS provider 5.100.0 manages Verdict resources: apply, a drift-free plan (every read returns
/// what was written), an in-place update, and destroy — checked from the outside with the AWS CLI.
/// </summary>
public sealed class TerraformTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly AwsCli _avp = new(fixture.Server);

    [Fact]
    public void Policy_store_schema_policies_and_template_have_a_full_lifecycle()
    {
        using var terraform = new Terraform("avp", fixture.Server);
        terraform.Init();
        terraform.Apply();

        var storeId = terraform.Output("policy_store_id");
        Assert.Equal($"arn:aws:verifiedpermissions::000000000000:policy-store/{storeId}", terraform.Output("policy_store_arn"));
        var store = _avp.Json("get-policy-store", "--policy-store-id", storeId);
        Assert.Equal("photo sharing", store.GetProperty("description").GetString());
        Assert.Equal("STRICT", store.GetProperty("validationSettings").GetProperty("mode").GetString());
        Assert.Contains("PhotoApp", _avp.Json("get-schema", "--policy-store-id", storeId).GetProperty("namespaces").EnumerateArray().Select(n => n.GetString()));

        var link = _avp.Json("get-policy", "--policy-store-id", storeId, "--policy-id", terraform.Output("link_policy_id"));
        Assert.Equal("TEMPLATE_LINKED", link.GetProperty("policyType").GetString());
        Assert.Equal("bob", link.GetProperty("principal").GetProperty("entityId").GetString());
        Assert.Equal(terraform.Output("template_id"), link.GetProperty("definition").GetProperty("templateLinked").GetProperty("policyTemplateId").GetString());

        // The policies Terraform wrote decide requests: the link shares the photo with bob, the static policy lets owners in.
        Assert.Equal("ALLOW", Decide(storeId, "bob", "alice"));
        Assert.Equal("ALLOW", Decide(storeId, "alice", "alice"));
        Assert.Equal("DENY", Decide(storeId, "carol", "alice"));

        terraform.AssertNoDrift();

        string[] changed = ["-var", "store_description=photo sharing v2", "-var", "owner_policy_description=owners see their own photos"];
        terraform.Apply(changed);
        Assert.Equal("photo sharing v2", _avp.Json("get-policy-store", "--policy-store-id", storeId).GetProperty("description").GetString());
        var owner = _avp.Json("get-policy", "--policy-store-id", storeId, "--policy-id", terraform.Output("owner_policy_id"));
        Assert.Equal("owners see their own photos", owner.GetProperty("definition").GetProperty("static").GetProperty("description").GetString());
        terraform.AssertNoDrift(changed);

        terraform.Succeeds(["destroy", "-auto-approve", "-input=false", .. changed]);
        _avp.Fails("ResourceNotFoundException", "get-policy-store", "--policy-store-id", storeId);
    }

    [Fact]
    public void Cognito_user_pool_client_and_group_have_a_full_lifecycle()
    {
        using var terraform = new Terraform("cognito", fixture.Server);
        terraform.Init();
        terraform.Apply();

        var poolId = terraform.Output("user_pool_id");
        var clientId = terraform.Output("client_id");
        var pool = Idp("describe-user-pool", "--user-pool-id", poolId).GetProperty("UserPool");
        Assert.Equal("terraform-app-users", pool.GetProperty("Name").GetString());
        Assert.Equal(10, pool.GetProperty("Policies").GetProperty("PasswordPolicy").GetProperty("MinimumLength").GetInt32());
        var client = Idp("describe-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId).GetProperty("UserPoolClient");
        Assert.Equal("web", client.GetProperty("ClientName").GetString());
        Assert.Equal("editors", Idp("get-group", "--user-pool-id", poolId, "--group-name", "editors").GetProperty("Group").GetProperty("GroupName").GetString());

        terraform.AssertNoDrift();

        terraform.Succeeds("destroy", "-auto-approve", "-input=false");
        var gone = ExternalTool.Run("aws", ["cognito-idp", "describe-user-pool", "--user-pool-id", poolId, "--endpoint-url", fixture.Server.Endpoint, "--region", "us-east-1"]);
        Assert.Contains("ResourceNotFoundException", gone.StandardError, StringComparison.Ordinal);
    }

    private string Decide(string storeId, string user, string photoOwner)
    {
        var entities = JsonSerializer.Serialize(new
        {
            entityList = new object[]
            {
                new { identifier = new { entityType = "PhotoApp::User", entityId = user } },
                new
                {
                    identifier = new { entityType = "PhotoApp::Photo", entityId = "beach.jpg" },
                    attributes = new { owner = new { entityIdentifier = new { entityType = "PhotoApp::User", entityId = photoOwner } } },
                },
            },
        });
        return _avp.Json("is-authorized", "--policy-store-id", storeId,
                "--principal", $"entityType=PhotoApp::User,entityId={user}",
                "--action", "actionType=PhotoApp::Action,actionId=view",
                "--resource", "entityType=PhotoApp::Photo,entityId=beach.jpg",
                "--entities", entities)
            .GetProperty("decision").GetString()!;
    }

    private JsonElement Idp(params string[] arguments)
    {
        var result = ExternalTool.Run("aws", ["cognito-idp", .. arguments, "--endpoint-url", fixture.Server.Endpoint, "--region", "us-east-1", "--output", "json"]);
        Assert.True(result.ExitCode == 0, $"aws cognito-idp {string.Join(' ', arguments)} failed: {result}");
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.Clone();
    }
}
