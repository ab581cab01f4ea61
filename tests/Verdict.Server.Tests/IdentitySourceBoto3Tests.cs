using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>Scenarios of clients/idsource_boto3.py: identity sources through boto3, as the user's documents show them.</summary>
public sealed class IdentitySourceBoto3Tests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("seeds")]
    [InlineData("oidc")]
    [InlineData("errors")]
    public void Scenario_passes(string scenario)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "clients", "idsource_boto3.py");
        var result = ExternalTool.Run("python3", [script, fixture.Server.Endpoint, scenario]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{scenario}: ok", result.StandardOutput, StringComparison.Ordinal);
    }
}
