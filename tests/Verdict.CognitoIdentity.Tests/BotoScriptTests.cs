using System.Text.Json;

namespace Verdict.CognitoIdentity.Tests;

/// <summary>The boto3 scripts under clients/: each asserts heavily and prints a JSON summary with its check count.</summary>
[Collection(ServerCollection.Name)]
[Trait("Category", "Server")]
public sealed class BotoScriptTests(ServerFixture fixture)
{
    [Fact]
    public void Sign_in_GetId_GetOpenIdToken_verified_by_JWKS_then_global_sign_out_is_refused_with_server_side_check()
    {
        var summary = Run("idpool_flow.py", minimumChecks: 40);
        Assert.Equal(fixture.Server.BaseUrl + "/cognito-identity", summary.GetProperty("issuer").GetString());
        Assert.Equal("authenticated", summary.GetProperty("amr")[0].GetString());
    }

    [Fact]
    public void Pools_updates_tags_roles_tag_maps_paging_and_validation()
    {
        var summary = Run("idpool_pools.py", minimumChecks: 80);
        Assert.StartsWith("us-west-2:", summary.GetProperty("poolId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Identities_logins_role_resolution_classic_flow_and_developer_identities()
    {
        var summary = Run("idpool_identities.py", minimumChecks: 110);
        Assert.Equal(3, summary.GetProperty("pools").GetArrayLength());
    }

    private JsonElement Run(string script, int minimumChecks)
    {
        var result = ExternalCommand.Python(script, fixture.Server.BaseUrl);
        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        var summary = JsonDocument.Parse(result.LastLine).RootElement;
        Assert.True(summary.GetProperty("checks").GetInt32() >= minimumChecks, result.LastLine);
        return summary;
    }
}
