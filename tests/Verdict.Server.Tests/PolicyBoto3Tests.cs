using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>Scenarios of clients/avp_policies_boto3.py: policies, templates, schemas and authorization through boto3.</summary>
public sealed class PolicyBoto3Tests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("policies")]
    [InlineData("templates")]
    [InlineData("authorization")]
    [InlineData("client_token")]
    public void Scenario_passes(string scenario)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "clients", "avp_policies_boto3.py");
        var result = ExternalTool.Run("python3", [script, fixture.Server.Endpoint, scenario]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{scenario}: ok", result.StandardOutput, StringComparison.Ordinal);
    }
}
