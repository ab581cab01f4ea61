using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>A server with two configured accounts: SigV4 is checked for real, and tenants never see each other.</summary>
public sealed class AuthenticationTests : IDisposable
{
    private readonly string _credentialsFile;
    private readonly VerdictServerProcess _server;

    public AuthenticationTests()
    {
        _credentialsFile = Path.Combine(Path.GetTempPath(), "verdict-credentials-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(_credentialsFile, """
            {"credentials": [
              {"accessKeyId": "AKIDACCOUNTONE", "secretAccessKey": "secret-one", "accountId": "111111111111"},
              {"accessKeyId": "AKIDACCOUNTTWO", "secretAccessKey": "secret-two", "accountId": "222222222222"}
            ]}
            """);
        _server = VerdictServerProcess.Start(extraArguments: ["--credentials", _credentialsFile]);
    }

    [Theory]
    [InlineData("keys")]
    [InlineData("stale")]
    [InlineData("tampering")]
    [InlineData("unsigned")]
    [InlineData("isolation")]
    public void Boto3_scenario_passes(string scenario)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "clients", "auth_boto3.py");
        var result = ExternalTool.Run("python3", [script, _server.Endpoint, scenario]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{scenario}: ok", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Aws_cli_with_a_configured_key_works_and_a_wrong_secret_is_refused()
    {
        var env = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIDACCOUNTTWO", ["AWS_SECRET_ACCESS_KEY"] = "secret-two", ["AWS_DEFAULT_REGION"] = "eu-west-1" };
        var ok = ExternalTool.Run("aws", ["verifiedpermissions", "create-policy-store", "--validation-settings", "mode=OFF", "--endpoint-url", _server.Endpoint], environment: env);
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("arn:aws:verifiedpermissions::222222222222:policy-store/", ok.StandardOutput, StringComparison.Ordinal);

        env["AWS_SECRET_ACCESS_KEY"] = "wrong";
        var refused = ExternalTool.Run("aws", ["verifiedpermissions", "list-policy-stores", "--endpoint-url", _server.Endpoint], environment: env);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("InvalidSignatureException", refused.StandardError, StringComparison.Ordinal);

        var unsigned = ExternalTool.Run("aws", ["verifiedpermissions", "list-policy-stores", "--no-sign-request", "--endpoint-url", _server.Endpoint], environment: env);
        Assert.NotEqual(0, unsigned.ExitCode);
        Assert.Contains("MissingAuthenticationTokenException", unsigned.StandardError, StringComparison.Ordinal);

        // An operation AWS serves unsigned gets past authentication with --no-sign-request and reaches its handler.
        var anonymous = ExternalTool.Run("aws", ["cognito-idp", "initiate-auth", "--auth-flow", "USER_PASSWORD_AUTH", "--client-id", "abcdefghijklmnopqrstuvwxyz",
            "--auth-parameters", "USERNAME=alice,PASSWORD=Secret-123", "--no-sign-request", "--endpoint-url", _server.Endpoint], environment: env);
        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.Contains("User pool client abcdefghijklmnopqrstuvwxyz does not exist.", anonymous.StandardError, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _server.Dispose();
        File.Delete(_credentialsFile);
    }
}
