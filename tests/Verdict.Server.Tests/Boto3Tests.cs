using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>Scenarios of clients/avp_boto3.py: boto3 (with its paginators and error parsing) against a started server.</summary>
public sealed class Boto3Tests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("policy_stores")]
    [InlineData("kms_encryption")]
    [InlineData("pagination")]
    [InlineData("client_token")]
    [InlineData("tags")]
    [InlineData("aliases")]
    [InlineData("validation")]
    public void Scenario_passes(string scenario)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "clients", "avp_boto3.py");
        var result = ExternalTool.Run("python3", [script, fixture.Server.Endpoint, scenario]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{scenario}: ok", result.StandardOutput, StringComparison.Ordinal);
    }
}
