using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>
/// The AWS SDK for JavaScript v3, unchanged, against a started server: policy stores, tags and aliases; policies,
/// templates and schemas; IsAuthorized and BatchIsAuthorized. Shapes, paginators and typed errors (class, fields and
/// HTTP status) are asserted in clients/avp_jssdk.mjs.
/// </summary>
public sealed class JsSdkTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("stores")]
    [InlineData("policies")]
    [InlineData("authorization")]
    public void Js_sdk_v3_scenario_passes(string scenario)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "clients", "avp_jssdk.mjs");
        var result = ExternalTool.Run("node", [script, fixture.Server.Endpoint, scenario]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"jssdk {scenario}: ok", result.StandardOutput, StringComparison.Ordinal);
    }
}
