using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Verdict.CognitoIdentityProvider.Tests;

/// <summary>The same server driven with the AWS CLI (`aws cognito-idp … --endpoint-url`).</summary>
[Collection(ServerCollection.Name)]
[Trait("Category", "Server")]
public sealed class CliTests(ServerFixture fixture)
{
    private ExternalCommand.Result Aws(params string[] arguments) => ExternalCommand.Aws(fixture.Server.BaseUrl, arguments);

    private JsonElement Ok(params string[] arguments)
    {
        var result = Aws(arguments);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', arguments)}: {result.Stderr}");
        return result.Stdout.Length == 0 ? default : result.Json;
    }

    private void Fails(string errorCode, string message, params string[] arguments)
    {
        var result = Aws(arguments);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"({errorCode})", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    private string NewPool(string name) => Ok("create-user-pool", "--pool-name", name).GetProperty("UserPool").GetProperty("Id").GetString()!;

    private string NewClient(string poolId, params string[] extra) =>
        Ok(["create-user-pool-client", "--user-pool-id", poolId, "--client-name", "cli-app",
            "--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", .. extra])
            .GetProperty("UserPoolClient").GetProperty("ClientId").GetString()!;

    [Fact]
    public void Pool_client_user_and_groups_lifecycle()
    {
        var poolId = NewPool("cli-pool");
        Assert.Matches(@"^us-east-1_[0-9A-Za-z]{9}$", poolId);
        var described = Ok("describe-user-pool", "--user-pool-id", poolId).GetProperty("UserPool");
        Assert.Equal("cli-pool", described.GetProperty("Name").GetString());
        Assert.Equal(JsonValueKind.Number, described.GetProperty("CreationDate").ValueKind);
        Assert.Contains(Ok("list-user-pools", "--max-results", "60").GetProperty("UserPools").EnumerateArray(), p => p.GetProperty("Id").GetString() == poolId);

        Ok("update-user-pool", "--user-pool-id", poolId, "--policies", "PasswordPolicy={MinimumLength=12,RequireNumbers=true}");
        var policy = Ok("describe-user-pool", "--user-pool-id", poolId).GetProperty("UserPool").GetProperty("Policies").GetProperty("PasswordPolicy");
        Assert.Equal(12, policy.GetProperty("MinimumLength").GetInt32());
        Assert.False(policy.GetProperty("RequireSymbols").GetBoolean());

        var clientId = NewClient(poolId, "--generate-secret");
        Assert.Matches("^[a-z0-9]{26}$", clientId);
        var client = Ok("describe-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId).GetProperty("UserPoolClient");
        Assert.Equal(51, client.GetProperty("ClientSecret").GetString()!.Length);
        Ok("update-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId, "--client-name", "renamed", "--access-token-validity", "2");
        var updated = Ok("describe-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId).GetProperty("UserPoolClient");
        Assert.Equal("renamed", updated.GetProperty("ClientName").GetString());
        Assert.Equal(2, updated.GetProperty("AccessTokenValidity").GetInt32());
        Assert.False(updated.GetProperty("TokenValidityUnits").TryGetProperty("AccessToken", out _), "units are reported as given (hours by default)");
        Assert.Equal(client.GetProperty("ClientSecret").GetString(), updated.GetProperty("ClientSecret").GetString());
        Assert.Single(Ok("list-user-pool-clients", "--user-pool-id", poolId).GetProperty("UserPoolClients").EnumerateArray());

        Ok("admin-create-user", "--user-pool-id", poolId, "--username", "frank", "--message-action", "SUPPRESS",
            "--user-attributes", "Name=email,Value=frank@example.com", "Name=name,Value=Frank");
        Fails("InvalidPasswordException", "Password does not conform to policy: Password not long enough",
            "admin-set-user-password", "--user-pool-id", poolId, "--username", "frank", "--password", "Short1", "--permanent");
        Ok("admin-set-user-password", "--user-pool-id", poolId, "--username", "frank", "--password", "long-enough-pw-1", "--permanent");
        Ok("admin-update-user-attributes", "--user-pool-id", poolId, "--username", "frank", "--user-attributes", "Name=email,Value=f@example.org");
        var user = Ok("admin-get-user", "--user-pool-id", poolId, "--username", "frank");
        Assert.Equal("CONFIRMED", user.GetProperty("UserStatus").GetString());
        Assert.Contains(user.GetProperty("UserAttributes").EnumerateArray(), a => a.GetProperty("Name").GetString() == "email" && a.GetProperty("Value").GetString() == "f@example.org");

        Ok("create-group", "--user-pool-id", poolId, "--group-name", "ops", "--description", "Operations", "--precedence", "3");
        Ok("update-group", "--user-pool-id", poolId, "--group-name", "ops", "--description", "Ops team");
        Assert.Equal("Ops team", Ok("get-group", "--user-pool-id", poolId, "--group-name", "ops").GetProperty("Group").GetProperty("Description").GetString());
        Ok("admin-add-user-to-group", "--user-pool-id", poolId, "--username", "frank", "--group-name", "ops");
        Assert.Single(Ok("list-users-in-group", "--user-pool-id", poolId, "--group-name", "ops").GetProperty("Users").EnumerateArray());
        Ok("admin-remove-user-from-group", "--user-pool-id", poolId, "--username", "frank", "--group-name", "ops");
        Assert.Empty(Ok("admin-list-groups-for-user", "--user-pool-id", poolId, "--username", "frank").GetProperty("Groups").EnumerateArray());
        Assert.Single(Ok("list-groups", "--user-pool-id", poolId).GetProperty("Groups").EnumerateArray());
        Ok("delete-group", "--user-pool-id", poolId, "--group-name", "ops");
        Fails("ResourceNotFoundException", "Group not found.", "get-group", "--user-pool-id", poolId, "--group-name", "ops");

        Assert.Equal("frank", Ok("list-users", "--user-pool-id", poolId, "--filter", "name = \"Frank\"").GetProperty("Users")[0].GetProperty("Username").GetString());
        Ok("admin-delete-user", "--user-pool-id", poolId, "--username", "frank");
        Fails("UserNotFoundException", "User does not exist.", "admin-get-user", "--user-pool-id", poolId, "--username", "frank");
        Ok("delete-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId);
        Ok("delete-user-pool", "--user-pool-id", poolId);
        Fails("ResourceNotFoundException", $"User pool {poolId} does not exist.", "describe-user-pool", "--user-pool-id", poolId);
    }

    [Fact]
    public void Sign_in_with_secret_hash_and_signing_certificate()
    {
        var poolId = NewPool("cli-auth");
        var clientId = NewClient(poolId, "--generate-secret");
        var secret = Ok("describe-user-pool-client", "--user-pool-id", poolId, "--client-id", clientId).GetProperty("UserPoolClient").GetProperty("ClientSecret").GetString()!;
        Ok("admin-create-user", "--user-pool-id", poolId, "--username", "gina", "--temporary-password", "Temp-Passw0rd!", "--message-action", "SUPPRESS");
        var hash = Convert.ToBase64String(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes("gina" + clientId)));

        var challenge = Ok("admin-initiate-auth", "--user-pool-id", poolId, "--client-id", clientId, "--auth-flow", "ADMIN_USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=gina,PASSWORD=Temp-Passw0rd!,SECRET_HASH={hash}");
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.GetProperty("ChallengeName").GetString());
        Fails("InvalidPasswordException", "Password did not conform with policy: Password must have symbol characters",
            "respond-to-auth-challenge", "--client-id", clientId, "--challenge-name", "NEW_PASSWORD_REQUIRED", "--session", challenge.GetProperty("Session").GetString()!,
            "--challenge-responses", $"USERNAME=gina,NEW_PASSWORD=NoSymbols123,SECRET_HASH={hash}");
        var tokens = Ok("respond-to-auth-challenge", "--client-id", clientId, "--challenge-name", "NEW_PASSWORD_REQUIRED",
            "--session", challenge.GetProperty("Session").GetString()!,
            "--challenge-responses", $"USERNAME=gina,NEW_PASSWORD=New-Passw0rd!,SECRET_HASH={hash}").GetProperty("AuthenticationResult");
        Assert.Equal("gina", Ok("get-user", "--access-token", tokens.GetProperty("AccessToken").GetString()!).GetProperty("Username").GetString());

        Fails("NotAuthorizedException", $"Unable to verify secret hash for client {clientId}",
            "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH", "--auth-parameters", "USERNAME=gina,PASSWORD=New-Passw0rd!,SECRET_HASH=AAAA");

        // The signing certificate carries the same RSA key the JWKS publishes for ID tokens, so it verifies an ID token.
        var certificate = X509CertificateLoader.LoadCertificate(
            Convert.FromBase64String(Ok("get-signing-certificate", "--user-pool-id", poolId).GetProperty("Certificate").GetString()!));
        using var publicKey = certificate.GetRSAPublicKey()!;
        var idToken = tokens.GetProperty("IdToken").GetString()!;
        var lastDot = idToken.LastIndexOf('.');
        Assert.True(publicKey.VerifyData(System.Text.Encoding.ASCII.GetBytes(idToken[..lastDot]), System.Buffers.Text.Base64Url.DecodeFromChars(idToken.AsSpan(lastDot + 1)),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal("OFF", Ok("get-user-pool-mfa-config", "--user-pool-id", poolId).GetProperty("MfaConfiguration").GetString());
        Fails("InvalidParameterException", "MFA is not supported by Verdict", "update-user-pool", "--user-pool-id", poolId, "--mfa-configuration", "ON");
    }

    [Fact]
    public void Sign_up_confirms_with_the_code_from_the_server_log()
    {
        var poolId = NewPool("cli-signup");
        Ok("update-user-pool", "--user-pool-id", poolId, "--auto-verified-attributes", "email");
        var clientId = NewClient(poolId);
        var signedUp = Ok("sign-up", "--client-id", clientId, "--username", "hank", "--password", "Hank-Passw0rd!",
            "--user-attributes", "Name=email,Value=hank@example.com");
        Assert.False(signedUp.GetProperty("UserConfirmed").GetBoolean());
        var code = fixture.Server.ConfirmationCode(poolId, "hank");
        Assert.NotNull(code);
        var wrong = code == "000000" ? "111111" : "000000";
        Fails("CodeMismatchException", "Invalid verification code provided, please try again.",
            "confirm-sign-up", "--client-id", clientId, "--username", "hank", "--confirmation-code", wrong);
        Ok("confirm-sign-up", "--client-id", clientId, "--username", "hank", "--confirmation-code", code);
        var user = Ok("admin-get-user", "--user-pool-id", poolId, "--username", "hank");
        Assert.Equal("CONFIRMED", user.GetProperty("UserStatus").GetString());
        Assert.Contains(user.GetProperty("UserAttributes").EnumerateArray(),
            a => a.GetProperty("Name").GetString() == "email_verified" && a.GetProperty("Value").GetString() == "true");
        var tokens = Ok("initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH", "--auth-parameters", "USERNAME=hank,PASSWORD=Hank-Passw0rd!");
        Assert.Equal(3600, tokens.GetProperty("AuthenticationResult").GetProperty("ExpiresIn").GetInt32());
    }

    [Fact]
    public void Email_as_username_pool_signs_in_by_email()
    {
        var poolId = Ok("create-user-pool", "--pool-name", "by-email", "--username-attributes", "email").GetProperty("UserPool").GetProperty("Id").GetString()!;
        var clientId = NewClient(poolId);
        Fails("InvalidParameterException", "Username should be an email.", "admin-create-user", "--user-pool-id", poolId, "--username", "ivy");
        var created = Ok("admin-create-user", "--user-pool-id", poolId, "--username", "ivy@example.com", "--message-action", "SUPPRESS").GetProperty("User");
        var username = created.GetProperty("Username").GetString()!;
        Assert.Matches("^[0-9a-f-]{36}$", username);
        Ok("admin-set-user-password", "--user-pool-id", poolId, "--username", "ivy@example.com", "--password", "Ivy-Passw0rd!", "--permanent");
        var tokens = Ok("initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", "USERNAME=ivy@example.com,PASSWORD=Ivy-Passw0rd!").GetProperty("AuthenticationResult");
        Assert.Equal(username, Ok("get-user", "--access-token", tokens.GetProperty("AccessToken").GetString()!).GetProperty("Username").GetString());
        Fails("UsernameExistsException", "An account with the given email already exists.",
            "admin-create-user", "--user-pool-id", poolId, "--username", "ivy@example.com");
    }

    [Fact]
    public async Task Discovery_endpoints_answer_404_for_unknown_pools()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(fixture.Server.BaseUrl + "/us-east-1_nopool123/.well-known/jwks.json"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
