using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>
/// Scenarios of clients/avp_limits_boto3.py through boto3: requests that omit their principal, action or resource,
/// schema-based request validation, batch limits, the policy-size-per-resource quota, schema namespace rules, and
/// update semantics.
/// </summary>
public sealed class LimitsBoto3Tests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("unspecified")]
    [InlineData("schema_validation")]
    [InlineData("batch_limits")]
    [InlineData("resource_size")]
    [InlineData("namespaces")]
    [InlineData("update_semantics")]
    public void Scenario_passes(string scenario)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "clients", "avp_limits_boto3.py");
        var result = ExternalTool.Run("python3", [script, fixture.Server.Endpoint, scenario]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{scenario}: ok", result.StandardOutput, StringComparison.Ordinal);
    }
}
