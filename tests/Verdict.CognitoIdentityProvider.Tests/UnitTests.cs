using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Auth;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.CognitoIdentityProvider.Tokens;
using Verdict.CognitoIdentityProvider.Users;

namespace Verdict.CognitoIdentityProvider.Tests;

/// <summary>The pieces that need no server: filters, password rules, hashes, JWTs, validation paths, identifiers.</summary>
public sealed class UnitTests
{
    [Theory]
    [InlineData("email = \"a@b.c\"", "email", false, "a@b.c")]
    [InlineData("  given_name ^= \"Jo\"  ", "given_name", true, "Jo")]
    [InlineData("name=\"say \\\"hi\\\"\"", "name", false, "say \"hi\"")]
    [InlineData("cognito:user_status = \"CONFIRMED\"", "cognito:user_status", false, "CONFIRMED")]
    public void Filter_parses(string text, string attribute, bool prefix, string value) =>
        Assert.Equal(new UserFilter(attribute, prefix, value), UserFilter.Parse(text).Filter);

    [Theory]
    [InlineData("email = a@b.c", "Error while parsing filter.")]
    [InlineData("email == \"x\"", "Error while parsing filter.")]
    [InlineData("email = \"unterminated", "Error while parsing filter.")]
    [InlineData("email = \"x\" extra", "Error while parsing filter.")]
    [InlineData("custom:tenant = \"x\"", "Invalid search attribute: custom:tenant")]
    public void Filter_rejects(string text, string message) => Assert.Equal(message, UserFilter.Parse(text).Error);

    [Fact]
    public void Blank_filter_means_all_users() => Assert.Equal((null, null), UserFilter.Parse("  "));

    [Theory]
    [InlineData("Abcdef1!", null)]
    [InlineData("Abcde1!", "Password not long enough")]
    [InlineData("ABCDEF1!", "Password must have lowercase characters")]
    [InlineData("abcdef1!", "Password must have uppercase characters")]
    [InlineData("Abcdefg!", "Password must have numeric characters")]
    [InlineData("Abcdefg1", "Password must have symbol characters")]
    [InlineData("Abcdef1 ", null)]
    public void Default_policy(string password, string? reason)
    {
        Assert.Equal(reason is null ? null : "Password did not conform with policy: " + reason, PasswordPolicy.Default.Check(password, adminWording: false));
        Assert.Equal(reason is null ? null : "Password does not conform to policy: " + reason, PasswordPolicy.Default.Check(password, adminWording: true));
    }

    [Fact]
    public void Generated_passwords_satisfy_their_policy()
    {
        var strict = new PasswordPolicy(20, true, true, true, true, 7);
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(strict.Check(strict.Generate(), adminWording: true));
        }
    }

    [Fact]
    public void Password_hashes_are_salted_and_verify()
    {
        var first = PasswordHasher.Hash("Correct-Horse1");
        var second = PasswordHasher.Hash("Correct-Horse1");
        Assert.NotEqual(first, second);
        Assert.StartsWith($"pbkdf2-sha256${PasswordHasher.Iterations}$", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Correct-Horse1", first, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("Correct-Horse1", first));
        Assert.False(PasswordHasher.Verify("correct-horse1", first));
        Assert.False(PasswordHasher.Verify("Correct-Horse1", null));
        Assert.False(PasswordHasher.Verify("x", "garbage"));
    }

    [Fact]
    public void Secret_hash_is_hmac_sha256_of_username_and_client_id()
    {
        // Independently computed: base64(HMAC-SHA256("secret", "alice" + "client")).
        var expected = Convert.ToBase64String(HMACSHA256.HashData("secret"u8, "aliceclient"u8));
        Assert.Equal(expected, SecretHash.Compute("secret", "alice", "client"));
        var client = new UserPoolClientRecord("us-east-1_abc", "client", "app", "secret", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []);
        Assert.Null(SecretHash.Check(client, expected, "alice"));
        Assert.Equal("NotAuthorizedException", SecretHash.Check(client, expected, "bob")!.Type);
        Assert.Contains("SECRET_HASH was not received", SecretHash.Check(client, null, "alice")!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jwt_round_trip_and_tamper_detection()
    {
        var records = PoolSigningKeys.Generate("us-east-1_abc", DateTimeOffset.UnixEpoch);
        using var keys = PoolSigningKeys.Load("us-east-1_abc", records);
        var token = Jwt.Sign(new JsonObject { ["sub"] = "x", ["n"] = 1 }, keys.IdTokenKid, keys.IdTokenKey);
        var (kid, claims) = Jwt.Decode(token)!.Value;
        Assert.Equal(keys.IdTokenKid, kid);
        Assert.Equal("x", claims["sub"]!.GetValue<string>());
        Assert.True(Jwt.VerifySignature(token, keys.IdTokenKey));
        Assert.False(Jwt.VerifySignature(token, keys.AccessTokenKey));
        var parts = token.Split('.');
        var forged = parts[0] + "." + Base64Url.Encode("{\"sub\":\"y\",\"n\":1}"u8) + "." + parts[2];
        Assert.False(Jwt.VerifySignature(forged, keys.IdTokenKey));
        Assert.Null(Jwt.Decode("a.b"));
        Assert.Equal(2048, keys.IdTokenKey.KeySize);
        Assert.Equal(2, keys.ToJwks()["keys"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("UserPoolId", "userPoolId")]
    [InlineData("UserAttributes[0].Value", "userAttributes.1.member.value")]
    [InlineData("AuthParameters.USERNAME", "authParameters.USERNAME")]
    public void Validation_paths_use_coral_style(string path, string expected) => Assert.Equal(expected, CognitoErrors.CoralPath(path));

    [Fact]
    public void Identifiers_have_aws_shapes()
    {
        Assert.Matches("^eu-west-1_[0-9A-Za-z]{9}$", Identifiers.NewUserPoolId("eu-west-1"));
        Assert.Matches("^[a-z0-9]{26}$", Identifiers.NewClientId());
        Assert.Equal("eu-west-1", Identifiers.RegionOf("eu-west-1_abcDEF123"));
        Assert.Equal("arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_x", Identifiers.UserPoolArn("eu-west-1", "123456789012", "eu-west-1_x"));
    }

    [Fact]
    public void Paging_resumes_at_the_next_key()
    {
        string[] items = ["a", "b", "c", "d", "e"];
        var first = Paging.Slice(items, x => x, null, 2)!.Value;
        Assert.Equal(["a", "b"], first.Page);
        var second = Paging.Slice(items, x => x, first.NextToken, 2)!.Value;
        Assert.Equal(["c", "d"], second.Page);
        var last = Paging.Slice(items, x => x, second.NextToken, 2)!.Value;
        Assert.Equal(["e"], last.Page);
        Assert.Null(last.NextToken);
        Assert.Null(Paging.Slice(items, x => x, "!!!", 2));
    }
}
