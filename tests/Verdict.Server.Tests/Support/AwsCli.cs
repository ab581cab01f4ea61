using System.Text.Json;

namespace Verdict.Server.Tests.Support;

/// <summary><c>aws verifiedpermissions …</c> against a test server.</summary>
public sealed class AwsCli(VerdictServerProcess server, string region = "us-east-1")
{
    public ExternalTool.Result Run(params string[] arguments) =>
        ExternalTool.Run("aws", ["verifiedpermissions", .. arguments, "--endpoint-url", server.Endpoint, "--region", region, "--output", "json"]);

    /// <summary>Runs a command that must succeed and returns its JSON output (an empty object when it printed nothing).</summary>
    public JsonElement Json(params string[] arguments)
    {
        var result = Run(arguments);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', arguments)} failed: {result}");
        var text = string.IsNullOrWhiteSpace(result.StandardOutput) ? "{}" : result.StandardOutput;
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Runs a command that must fail with <paramref name="errorCode"/>.</summary>
    public string Fails(string errorCode, params string[] arguments)
    {
        var result = Run(arguments);
        Assert.True(result.ExitCode != 0, $"aws {string.Join(' ', arguments)} should have failed: {result}");
        Assert.Contains($"An error occurred ({errorCode})", result.StandardError, StringComparison.Ordinal);
        return result.StandardError;
    }
}
