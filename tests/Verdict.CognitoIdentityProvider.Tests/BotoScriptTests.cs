namespace Verdict.CognitoIdentityProvider.Tests;

/// <summary>The boto3 scripts under clients/: each asserts heavily and prints a JSON summary with its check count.</summary>
[Collection(ServerCollection.Name)]
[Trait("Category", "Server")]
public sealed class BotoScriptTests(ServerFixture fixture)
{
    [Fact]
    public void Whole_flow_signs_in_verifies_tokens_with_joserfc_refreshes_and_signs_out()
    {
        var result = ExternalCommand.Python("flow.py", fixture.Server.BaseUrl);
        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        var summary = System.Text.Json.JsonDocument.Parse(result.LastLine).RootElement;
        Assert.True(summary.GetProperty("checks").GetInt32() >= 100);
        Assert.Equal(
            ["aud", "auth_time", "cognito:groups", "cognito:username", "custom:tenant", "email", "email_verified", "event_id", "exp", "iat", "iss", "jti", "origin_jti", "sub", "token_use"],
            summary.GetProperty("idClaims").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(
            ["auth_time", "client_id", "cognito:groups", "event_id", "exp", "iat", "iss", "jti", "origin_jti", "scope", "sub", "token_use", "username"],
            summary.GetProperty("accessClaims").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(fixture.Server.BaseUrl + "/" + summary.GetProperty("poolId").GetString(), summary.GetProperty("issuer").GetString());
    }

    [Fact]
    public void Bad_input_gets_cognito_errors()
    {
        var result = ExternalCommand.Python("errors.py", fixture.Server.BaseUrl);
        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        Assert.True(System.Text.Json.JsonDocument.Parse(result.LastLine).RootElement.GetProperty("checks").GetInt32() >= 90);
    }
}
