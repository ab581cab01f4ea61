using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>The AWS SDK for JavaScript v3, unchanged, against a started server: shapes, paginators and typed errors.</summary>
public sealed class JsSdkTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public void Js_sdk_v3_policy_store_flow_passes()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "clients", "avp_jssdk.mjs");
        var result = ExternalTool.Run("node", [script, fixture.Server.Endpoint]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("jssdk: ok", result.StandardOutput, StringComparison.Ordinal);
    }
}
