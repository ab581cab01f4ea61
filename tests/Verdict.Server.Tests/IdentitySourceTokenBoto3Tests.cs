using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>
/// Scenarios of clients/idsource_tokens_boto3.py: IsAuthorizedWithToken and BatchIsAuthorizedWithToken with tokens of a
/// user pool this Verdict hosts (decisions by group, ID-token attributes and access-token scopes; every refusal).
/// </summary>
public sealed class IdentitySourceTokenBoto3Tests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("decisions")]
    [InlineData("refusals")]
    [InlineData("schema")]
    public void Scenario_passes(string scenario)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "clients", "idsource_tokens_boto3.py");
        var result = ExternalTool.Run("python3", [script, fixture.Server.Endpoint, scenario]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{scenario}: ok", result.StandardOutput, StringComparison.Ordinal);
    }
}
