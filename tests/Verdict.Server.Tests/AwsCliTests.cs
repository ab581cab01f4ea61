using System.Text.Json;
using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>Every implemented operation through the real AWS CLI (<c>aws verifiedpermissions … --endpoint-url</c>).</summary>
public sealed class AwsCliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly AwsCli _aws = new(fixture.Server);

    [Fact]
    public void Create_policy_store_as_in_the_cli_documentation_example()
    {
        var created = _aws.Json("create-policy-store", "--validation-settings", "mode=STRICT");
        var id = created.GetProperty("policyStoreId").GetString()!;
        Assert.Matches("^[0-9A-Za-z]{22}$", id);
        Assert.Equal($"arn:aws:verifiedpermissions::000000000000:policy-store/{id}", created.GetProperty("arn").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", created.GetProperty("createdDate").GetString()!);
        Assert.Equal(created.GetProperty("createdDate").GetString(), created.GetProperty("lastUpdatedDate").GetString());
    }

    [Fact]
    public void Get_update_list_and_delete_a_policy_store()
    {
        var id = _aws.Json("create-policy-store", "--validation-settings", "mode=OFF", "--description", "cli store",
            "--tags", "owner=cli").GetProperty("policyStoreId").GetString()!;

        var got = _aws.Json("get-policy-store", "--policy-store-id", id);
        Assert.Equal("OFF", got.GetProperty("validationSettings").GetProperty("mode").GetString());
        Assert.Equal("cli store", got.GetProperty("description").GetString());
        Assert.Equal("DISABLED", got.GetProperty("deletionProtection").GetString());
        Assert.Equal("CEDAR_4", got.GetProperty("cedarVersion").GetString());
        Assert.False(got.TryGetProperty("tags", out _));
        Assert.Equal("cli", _aws.Json("get-policy-store", "--policy-store-id", id, "--tags").GetProperty("tags").GetProperty("owner").GetString());

        var updated = _aws.Json("update-policy-store", "--policy-store-id", id, "--validation-settings", "mode=STRICT",
            "--deletion-protection", "ENABLED", "--description", "renamed");
        Assert.Equal(id, updated.GetProperty("policyStoreId").GetString());
        got = _aws.Json("get-policy-store", "--policy-store-id", id);
        Assert.Equal("STRICT", got.GetProperty("validationSettings").GetProperty("mode").GetString());
        Assert.Equal("renamed", got.GetProperty("description").GetString());

        var listed = AllStoreIds();
        Assert.Contains(id, listed);

        _aws.Fails("InvalidStateException", "delete-policy-store", "--policy-store-id", id);
        _aws.Json("update-policy-store", "--policy-store-id", id, "--validation-settings", "mode=STRICT", "--deletion-protection", "DISABLED");
        _aws.Json("delete-policy-store", "--policy-store-id", id);
        _aws.Fails("ResourceNotFoundException", "get-policy-store", "--policy-store-id", id);
        Assert.DoesNotContain(id, AllStoreIds());
    }

    [Fact]
    public void Tag_list_and_untag_a_policy_store()
    {
        var arn = _aws.Json("create-policy-store", "--validation-settings", "mode=OFF").GetProperty("arn").GetString()!;
        _aws.Json("tag-resource", "--resource-arn", arn, "--tags", "a=1,b=2");
        var tags = _aws.Json("list-tags-for-resource", "--resource-arn", arn).GetProperty("tags");
        Assert.Equal("1", tags.GetProperty("a").GetString());
        Assert.Equal("2", tags.GetProperty("b").GetString());
        _aws.Json("untag-resource", "--resource-arn", arn, "--tag-keys", "a");
        tags = _aws.Json("list-tags-for-resource", "--resource-arn", arn).GetProperty("tags");
        Assert.False(tags.TryGetProperty("a", out _));
        Assert.Equal("2", tags.GetProperty("b").GetString());
    }

    [Fact]
    public void Create_get_list_and_delete_a_policy_store_alias()
    {
        var id = _aws.Json("create-policy-store", "--validation-settings", "mode=OFF").GetProperty("policyStoreId").GetString()!;
        var name = "policy-store-alias/cli-" + Guid.NewGuid().ToString("N")[..8];
        var created = _aws.Json("create-policy-store-alias", "--alias-name", name, "--policy-store-id", id);
        Assert.Equal($"arn:aws:verifiedpermissions:us-east-1:000000000000:{name}", created.GetProperty("aliasArn").GetString());

        var got = _aws.Json("get-policy-store-alias", "--alias-name", name);
        Assert.Equal("Active", got.GetProperty("state").GetString());
        Assert.Equal(id, got.GetProperty("policyStoreId").GetString());
        Assert.Equal(id, _aws.Json("get-policy-store", "--policy-store-id", name).GetProperty("policyStoreId").GetString());

        var listed = _aws.Json("list-policy-store-aliases", "--filter", $"policyStoreId={id}").GetProperty("policyStoreAliases");
        Assert.Equal(name, Assert.Single(listed.EnumerateArray()).GetProperty("aliasName").GetString());

        _aws.Json("delete-policy-store-alias", "--alias-name", name);
        Assert.Equal("PendingDeletion", _aws.Json("get-policy-store-alias", "--alias-name", name).GetProperty("state").GetString());
        _aws.Fails("ResourceNotFoundException", "get-policy-store", "--policy-store-id", name);
    }

    [Fact]
    public void Cli_reports_validation_errors_from_the_server()
    {
        // botocore checks neither max length nor patterns: these reach the server, which must refuse them.
        var error = _aws.Fails("ValidationException", "get-policy-store", "--policy-store-id", "not valid!");
        Assert.Contains("at 'policyStoreId' failed to satisfy constraint: Member must satisfy regular expression pattern", error, StringComparison.Ordinal);
        _aws.Fails("ValidationException", "create-policy-store", "--validation-settings", "mode=OFF", "--description", new string('d', 151));
    }

    private List<string> AllStoreIds()
    {
        // The CLI follows nextToken itself.
        var stores = _aws.Json("list-policy-stores").GetProperty("policyStores");
        return [.. stores.EnumerateArray().Select(s => s.GetProperty("policyStoreId").GetString()!)];
    }
}
