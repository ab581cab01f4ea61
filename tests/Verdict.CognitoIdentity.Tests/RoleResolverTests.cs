using System.Text.Json.Nodes;
using Verdict.CognitoIdentity.Common;
using Verdict.CognitoIdentity.Identities;
using Verdict.CognitoIdentity.Roles;
using Verdict.CognitoIdentity.Storage;

namespace Verdict.CognitoIdentity.Tests;

/// <summary>Role resolution as GetCredentialsForIdentity applies it, table-driven, without a server.</summary>
public sealed class RoleResolverTests
{
    private const string Auth = "arn:aws:iam::000000000000:role/Auth";
    private const string Unauth = "arn:aws:iam::000000000000:role/Unauth";
    private const string Provider = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc";
    private const string MappingKey = Provider + ":client1";

    public static TheoryData<string, string?, string?, string?, string?> Cases => new()
    {
        // mappings JSON, claims JSON (null = unauthenticated), CustomRoleArn, expected role, expected error type
        { "{}", null, null, Unauth, null },
        { "{}", """{"sub":"u"}""", null, Auth, null },
        { "{}", """{"sub":"u"}""", Auth, Auth, null },
        { "{}", """{"sub":"u"}""", "arn:aws:iam::000000000000:role/Other", null, "NotAuthorizedException" },
        { Token("AuthenticatedRole"), """{"cognito:preferred_role":"arn:r/Pref","cognito:roles":["arn:r/Pref","arn:r/B"]}""", null, "arn:r/Pref", null },
        { Token("AuthenticatedRole"), """{"cognito:preferred_role":"arn:r/Pref","cognito:roles":["arn:r/Pref","arn:r/B"]}""", "arn:r/B", "arn:r/B", null },
        { Token("AuthenticatedRole"), """{"cognito:roles":["arn:r/Only"]}""", null, "arn:r/Only", null },
        { Token("AuthenticatedRole"), """{"cognito:roles":["arn:r/A","arn:r/B"]}""", null, Auth, null },
        { Token("Deny"), """{"cognito:roles":["arn:r/A","arn:r/B"]}""", null, null, "InvalidIdentityPoolConfigurationException" },
        { Token("Deny"), """{"cognito:roles":["arn:r/A"]}""", "arn:r/Z", null, "NotAuthorizedException" },
        { Rules("Equals", "cognito:groups", "admins"), """{"cognito:groups":["readers","admins"]}""", null, "arn:r/Rule", null },
        { Rules("Contains", "email", "@corp."), """{"email":"a@corp.example"}""", null, "arn:r/Rule", null },
        { Rules("StartsWith", "email", "bob"), """{"email":"alice@x"}""", null, null, "InvalidIdentityPoolConfigurationException" },
        { Rules("NotEqual", "custom:tier", "free"), """{"custom:tier":"gold"}""", null, "arn:r/Rule", null },
        { Rules("NotEqual", "custom:tier", "free"), """{"sub":"no tier claim"}""", null, null, "InvalidIdentityPoolConfigurationException" },
        { Rules("Equals", "age", "42"), """{"age":42}""", null, "arn:r/Rule", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolves_like_aws(string mappings, string? claims, string? customRoleArn, string? expectedRole, string? expectedError)
    {
        var config = new JsonObject
        {
            ["Roles"] = new JsonObject { ["authenticated"] = Auth, ["unauthenticated"] = Unauth },
            ["RoleMappings"] = JsonNode.Parse(mappings),
        };
        var pool = new IdentityPoolRecord("us-east-1:0", "000000000000", "us-east-1", "p", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, config);
        List<VerifiedLogin> logins = claims is null ? [] : [new VerifiedLogin(Provider, "u", JsonNode.Parse(claims)!.AsObject(), MappingKey)];

        var (role, error) = RoleResolver.Resolve(pool, logins, customRoleArn);

        Assert.Equal(expectedRole, role);
        Assert.Equal(expectedError, error?.Type);
        if (expectedError == "InvalidIdentityPoolConfigurationException")
        {
            Assert.Equal(IdentityErrors.InvalidConfigurationMessage, error!.Message);
        }
    }

    [Fact]
    public void No_role_configured_is_an_invalid_configuration()
    {
        var pool = new IdentityPoolRecord("us-east-1:0", "000000000000", "us-east-1", "p", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []);
        Assert.Equal("InvalidIdentityPoolConfigurationException", RoleResolver.Resolve(pool, [], null).Error?.Type);
    }

    [Theory]
    [InlineData("us-east-1:2ee56f8e-0000-0000-0000-000000000000", "us-east-1")]
    [InlineData("eu-central-1:abc", "eu-central-1")]
    [InlineData("us-gov-west-1:abc", "us-gov-west-1")]
    [InlineData("nowhere:abc", null)]
    [InlineData("US-EAST-1:abc", null)]
    [InlineData(":abc", null)]
    public void Region_comes_from_the_id_prefix(string id, string? region) => Assert.Equal(region, IdentityIds.RegionOf(id));

    [Theory]
    [InlineData("IdentityPoolName", "identityPoolName")]
    [InlineData("CognitoIdentityProviders[0].ProviderName", "cognitoIdentityProviders.1.member.providerName")]
    [InlineData("Logins", "logins")]
    public void Member_paths_are_worded_the_coral_way(string path, string coral) => Assert.Equal(coral, IdentityErrors.CoralPath(path));

    private static string Token(string ambiguous) =>
        $$$"""{"{{{MappingKey}}}":{"Type":"Token","AmbiguousRoleResolution":"{{{ambiguous}}}"}}""";

    private static string Rules(string matchType, string claim, string value) =>
        $$$$"""{"{{{{MappingKey}}}}":{"Type":"Rules","AmbiguousRoleResolution":"Deny","RulesConfiguration":{"Rules":[{"Claim":"{{{{claim}}}}","MatchType":"{{{{matchType}}}}","Value":"{{{{value}}}}","RoleARN":"arn:r/Rule"}]}}}""";
}
