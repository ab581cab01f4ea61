using System.Text.Json.Nodes;
using Cedar.Ast;
using Cedar.Json;
using Cedar.Schema;
using Verdict.VerifiedPermissions.IdentitySources;

namespace Verdict.Server.Tests;

/// <summary>The claim → Cedar mapping of token authorization, rule by rule, without a server.</summary>
public sealed class IdentitySourceMappingTests
{
    private static readonly IdentitySourceSettings s_cognito = IdentitySourceSettings.From(
        new IdentitySourceConfiguration(new CognitoUserPoolConfiguration(
            "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_EXAMPLE", ["client1"], new CognitoGroupConfiguration("MyCorp::Group")), null),
        "MyCorp::User");

    private static readonly IdentitySourceSettings s_cognitoDefaultGroups = IdentitySourceSettings.From(
        new IdentitySourceConfiguration(new CognitoUserPoolConfiguration("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_EXAMPLE", null, null), null),
        "AWS::Cognito");

    private static IdentitySourceSettings Oidc(string? prefix = "MyOIDCProvider", bool access = false, string? principalClaim = null, bool groups = true) =>
        IdentitySourceSettings.From(
            new IdentitySourceConfiguration(null, new OpenIdConnectConfiguration(
                "https://auth.example.com", prefix, groups ? new OpenIdConnectGroupConfiguration("groups", "MyCorp::UserGroup") : null,
                access
                    ? new OpenIdConnectTokenSelection(new OpenIdConnectAccessTokenConfiguration(principalClaim, ["https://api.example.com"]), null)
                    : new OpenIdConnectTokenSelection(null, new OpenIdConnectIdentityTokenConfiguration(principalClaim, ["client1"])))),
            "MyCorp::User");

    [Fact]
    public void Settings_follow_the_configuration()
    {
        Assert.Equal(
            (IdentitySourceKind.CognitoUserPool, "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE", "us-east-1_EXAMPLE", "MyCorp::Group", "cognito:groups", "sub", "123456789012"),
            (s_cognito.Kind, s_cognito.Issuer, s_cognito.EntityIdPrefix, s_cognito.GroupEntityType, s_cognito.GroupClaim, s_cognito.PrincipalIdClaim, s_cognito.UserPoolAccount));
        Assert.True(s_cognito.AcceptsIdentityToken && s_cognito.AcceptsAccessToken);
        Assert.Equal("AWS::CognitoGroup", s_cognitoDefaultGroups.GroupEntityType);
        Assert.Empty(s_cognitoDefaultGroups.IdentityTokenAudiences);

        var idOnly = Oidc();
        Assert.True(idOnly.AcceptsIdentityToken && !idOnly.AcceptsAccessToken);
        Assert.Equal(["client1"], idOnly.IdentityTokenAudiences);
        var accessOnly = Oidc(access: true, principalClaim: "email");
        Assert.True(!accessOnly.AcceptsIdentityToken && accessOnly.AcceptsAccessToken);
        Assert.Equal(["https://api.example.com"], accessOnly.AccessTokenAudiences);
        Assert.Equal("email", accessOnly.PrincipalIdClaim);
        Assert.Null(Oidc(groups: false).GroupEntityType);

        var access = IdentitySourceTokenVerifier.ExpectationsFor(s_cognito, accessToken: true);
        Assert.Equal(("access", true), (access.RequiredTokenUse, access.AllowClientIdAsAudience));
        var id = IdentitySourceTokenVerifier.ExpectationsFor(s_cognito, accessToken: false);
        Assert.Equal(("id", true), (id.RequiredTokenUse, id.AllowClientIdAsAudience));
        var oidcId = IdentitySourceTokenVerifier.ExpectationsFor(idOnly, accessToken: false);
        Assert.Equal(((string?)null, false), (oidcId.RequiredTokenUse, oidcId.AllowClientIdAsAudience));
    }

    [Theory]
    [InlineData("""{"token_use":"id"}""", false, null)]
    [InlineData("""{}""", false, null)]
    [InlineData("""{"token_use":"access"}""", false, "token_use")]
    [InlineData("""{"token_use":"id"}""", true, "token_use")]
    [InlineData("""{"token_use":"access"}""", true, null)]
    public void Oidc_token_use_is_checked_when_present(string claims, bool accessToken, string? error)
    {
        var result = IdentitySourceTokenVerifier.CheckTokenUse(JsonNode.Parse(claims)!.AsObject(), accessToken);
        if (error is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(error, result, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""["admins","readers"]""", new[] { "admins", "readers" })]
    [InlineData("\"admins\"", new[] { "admins" })]
    [InlineData("\"admins readers  writers\"", new[] { "admins", "readers", "writers" })]
    [InlineData("""["admins",1,null,"","admins"]""", new[] { "admins" })]
    [InlineData("42", new string[0])]
    [InlineData("null", new string[0])]
    public void Group_claims_may_be_arrays_strings_or_space_separated(string claim, string[] groups) =>
        Assert.Equal(groups, TokenClaimMapping.ReadGroups(JsonNode.Parse(claim)));

    [Fact]
    public void Cognito_id_token_gives_principal_groups_and_attributes_with_dot_notation()
    {
        var claims = JsonNode.Parse("""
            {"sub":"a1b2","cognito:groups":["admins","readers"],"cognito:username":"alice","custom:costCenter":"Finance-1","email_verified":true,
             "aud":"client1","iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE","exp":1700000000,"auth_time":1.5e9,"token_use":"id",
             "address":{"formatted":"1 Main St","__entity":{"type":"Admin","id":"x"}},"ratio":0.5,"nothing":null,"list":[1,"two",null]}
            """)!.AsObject();
        var (identity, error) = TokenClaimMapping.Map(s_cognito, claims, null);
        Assert.Null(error);
        Assert.Equal(("MyCorp::User", "us-east-1_EXAMPLE|a1b2", "MyCorp::Group"), (identity!.PrincipalType, identity.PrincipalId, identity.GroupType));
        Assert.Equal(["us-east-1_EXAMPLE|admins", "us-east-1_EXAMPLE|readers"], identity.GroupIds);
        Assert.Null(identity.TokenContext);
        var attributes = identity.PrincipalAttributes!;
        Assert.False(attributes.ContainsKey("cognito:groups"), "groups are parents, not attributes");
        Assert.Equal("alice", (string)attributes["cognito:username"]!);
        Assert.Equal("alice", (string)attributes["cognito"]!["username"]!);
        Assert.Equal("Finance-1", (string)attributes["custom"]!["costCenter"]!);
        Assert.Equal("client1", (string)attributes["aud"]!);
        Assert.True((bool)attributes["email_verified"]!);
        Assert.Equal(1700000000L, (long)attributes["exp"]!);
        Assert.Equal(1500000000L, (long)attributes["auth_time"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"formatted":"1 Main St"}"""), attributes["address"]), "escape-like members are left out");
        Assert.False(attributes.ContainsKey("ratio") || attributes.ContainsKey("nothing"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[1,"two"]"""), attributes["list"]));
    }

    [Theory]
    [InlineData("custom")]
    [InlineData("cognito")]
    [InlineData("dev")]
    public void A_reserved_claim_name_next_to_its_prefix_is_refused(string reserved)
    {
        var claims = new JsonObject { ["sub"] = "a1b2", [reserved] = "plain", [reserved + ":thing"] = "prefixed" };
        var (identity, error) = TokenClaimMapping.Map(s_cognito, claims, null);
        Assert.Null(identity);
        Assert.Contains($"'{reserved}' is a reserved claim name", error, StringComparison.Ordinal);

        // Alone, a claim with a reserved name is an ordinary attribute.
        var (alone, noError) = TokenClaimMapping.Map(s_cognito, new JsonObject { ["sub"] = "a1b2", [reserved] = "plain" }, null);
        Assert.Null(noError);
        Assert.Equal("plain", (string)alone!.PrincipalAttributes![reserved]!);
    }

    [Fact]
    public void Oidc_sources_have_no_dot_notation_and_may_refuse_reserved_names_only_for_cognito()
    {
        var claims = JsonNode.Parse("""{"sub":"u1","custom":"x","custom:y":"z","groups":"Accounting Sales"}""")!.AsObject();
        var (identity, error) = TokenClaimMapping.Map(Oidc(), claims, null);
        Assert.Null(error);
        Assert.Equal("MyOIDCProvider|u1", identity!.PrincipalId);
        Assert.Equal(["MyOIDCProvider|Accounting", "MyOIDCProvider|Sales"], identity.GroupIds);
        Assert.Equal("x", (string)identity.PrincipalAttributes!["custom"]!);
        Assert.Equal("z", (string)identity.PrincipalAttributes["custom:y"]!);
        Assert.False(identity.PrincipalAttributes.ContainsKey("groups"));
    }

    [Theory]
    [InlineData("MyOIDCProvider", null, """{"sub":"u1","email":"a@example.com"}""", "MyOIDCProvider|u1")]
    [InlineData("MyOIDCProvider", "email", """{"sub":"u1","email":"a@example.com"}""", "MyOIDCProvider|a@example.com")]
    [InlineData(null, null, """{"sub":"u1"}""", "u1")]
    public void Oidc_principal_ids_use_the_prefix_and_the_principal_claim(string? prefix, string? claim, string claims, string expected)
    {
        var (identity, error) = TokenClaimMapping.Map(Oidc(prefix, principalClaim: claim), JsonNode.Parse(claims)!.AsObject(), null);
        Assert.Null(error);
        Assert.Equal(expected, identity!.PrincipalId);
    }

    [Theory]
    [InlineData("""{"email":"a@example.com"}""")]
    [InlineData("""{"sub":42}""")]
    [InlineData("""{"sub":""}""")]
    public void A_token_without_its_principal_claim_is_refused(string claims)
    {
        var (identity, error) = TokenClaimMapping.Map(Oidc(), JsonNode.Parse(claims)!.AsObject(), null);
        Assert.Null(identity);
        Assert.Contains("'sub'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Access_token_claims_go_to_context_token_and_groups_still_become_parents()
    {
        var access = JsonNode.Parse("""
            {"sub":"a1b2","cognito:groups":["admins"],"client_id":"client1","scope":"aws.cognito.signin.user.admin MyAPI/read","token_use":"access","username":"alice"}
            """)!.AsObject();
        var (identity, error) = TokenClaimMapping.Map(s_cognito, null, access);
        Assert.Null(error);
        Assert.Equal("us-east-1_EXAMPLE|a1b2", identity!.PrincipalId);
        Assert.Equal(["us-east-1_EXAMPLE|admins"], identity.GroupIds);
        Assert.Null(identity.PrincipalAttributes);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"sub":"a1b2","client_id":"client1","scope":["aws.cognito.signin.user.admin","MyAPI/read"],"token_use":"access","username":"alice"}
            """), identity.TokenContext));
    }

    [Fact]
    public void Both_tokens_must_name_the_same_user_and_their_groups_are_joined()
    {
        var id = JsonNode.Parse("""{"sub":"a1b2","cognito:groups":["admins"]}""")!.AsObject();
        var access = JsonNode.Parse("""{"sub":"a1b2","cognito:groups":["admins","readers"],"scope":"s"}""")!.AsObject();
        var (identity, error) = TokenClaimMapping.Map(s_cognito, id, access);
        Assert.Null(error);
        Assert.Equal(["us-east-1_EXAMPLE|admins", "us-east-1_EXAMPLE|readers"], identity!.GroupIds);
        Assert.NotNull(identity.PrincipalAttributes);
        Assert.NotNull(identity.TokenContext);

        var other = JsonNode.Parse("""{"sub":"zzzz"}""")!.AsObject();
        var (none, mismatch) = TokenClaimMapping.Map(s_cognito, id, other);
        Assert.Null(none);
        Assert.Contains("different users", mismatch, StringComparison.Ordinal);
    }

    private static SpannedJson Tree(string json) =>
        SpannedJsonParser.TryParse(json, out var tree, out var error, out _) ? tree! : throw new ArgumentException(error, nameof(json));

    /// <summary>A tree as compact JSON text, to compare with expected JSON.</summary>
    private static string Text(SpannedJson? json)
    {
        Assert.NotNull(json);
        return json.Kind switch
        {
            SpannedJsonKind.Null => "null",
            SpannedJsonKind.Bool => json.BoolValue ? "true" : "false",
            SpannedJsonKind.Number => json.Text!,
            SpannedJsonKind.String => JsonValue.Create(json.Text!).ToJsonString(),
            SpannedJsonKind.Array => "[" + string.Join(",", json.Items.Select(Text)) + "]",
            _ => "{" + string.Join(",", json.Members.Select(m => JsonValue.Create(m.Key).ToJsonString() + ":" + Text(m.Value))) + "}",
        };
    }

    private static TokenIdentity Identity(JsonObject? attributes = null) =>
        new("MyCorp::User", "pool|alice", "MyCorp::Group", ["pool|admins"], attributes ?? [], null);

    [Theory]
    [InlineData("""[{"uid":{"type":"Photo","id":"p1"},"attrs":{},"parents":[]}]""", true, null)]
    [InlineData("""[{"uid":{"type":"MyCorp::User","id":"pool|bob"},"attrs":{},"parents":[]}]""", true, "principal type")]
    [InlineData("""[{"uid":{"type":"MyCorp::User","id":"pool|alice"},"attrs":{},"parents":[]}]""", true, "already defines")]
    [InlineData("""[{"uid":{"__entity":{"type":"MyCorp::Group","id":"pool|x"}},"attrs":{},"parents":[]}]""", false, "group type")]
    [InlineData("""[{"uid":{"type":"MyCorp::User","id":"pool|bob"},"attrs":{},"parents":[]}]""", false, "principal type")]
    [InlineData("""{"not":"an array"}""", false, "JSON array")]
    public void Request_entities_may_not_speak_for_the_principal(string entities, bool hasIdentityToken, string? error)
    {
        var (json, refusal) = TokenEntities.Assemble(Identity(), Tree(entities), hasIdentityToken, null);
        if (error is null)
        {
            Assert.Null(refusal);
            var array = JsonNode.Parse(Text(json))!.AsArray();
            Assert.Equal(["Photo", "MyCorp::Group", "MyCorp::User"], array.Select(e => (string)e!["uid"]!["type"]!));
        }
        else
        {
            Assert.Null(json);
            Assert.Contains(error, refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void With_only_an_access_token_the_principal_may_be_given_attributes()
    {
        var identity = Identity() with { PrincipalAttributes = null };
        var (json, error) = TokenEntities.Assemble(identity,
            Tree("""[{"uid":{"type":"MyCorp::User","id":"pool|alice"},"attrs":{"department":"Sales"},"parents":[{"type":"Team","id":"t1"}]}]"""), false, null);
        Assert.Null(error);
        var principal = JsonNode.Parse(Text(json))!.AsArray().Single(e => (string)e!["uid"]!["type"]! == "MyCorp::User")!;
        Assert.Equal("Sales", (string)principal["attrs"]!["department"]!);
        Assert.Equal(["Team", "MyCorp::Group"], principal["parents"]!.AsArray().Select(p => (string)p!["type"]!));
    }

    [Fact]
    public void A_schema_keeps_the_declared_attributes_and_fits_scopes()
    {
        var user = new RecordType(new Dictionary<string, AttributeType>
        {
            ["email"] = new(PrimitiveType.String, required: false),
            ["custom"] = new(new RecordType(new Dictionary<string, AttributeType> { ["costCenter"] = new(PrimitiveType.String, false) }), false),
        });
        var attributes = JsonNode.Parse("""{"email":"a@example.com","exp":1,"custom":{"costCenter":"F","other":"x"},"custom:costCenter":"F"}""");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"email":"a@example.com","custom":{"costCenter":"F"}}"""), TokenEntities.Fit(attributes, user)));

        var open = new RecordType(new Dictionary<string, AttributeType>(), additionalAttributes: true);
        Assert.True(JsonNode.DeepEquals(attributes, TokenEntities.Fit(attributes, open)));

        var tokenType = new RecordType(new Dictionary<string, AttributeType>
        {
            ["scope"] = new(new SetType(PrimitiveType.String), false),
            ["client_id"] = new(PrimitiveType.String, false),
        });
        var context = new RecordType(new Dictionary<string, AttributeType> { ["token"] = new(tokenType, false), ["ip"] = new(PrimitiveType.String, false) });
        var token = JsonNode.Parse("""{"scope":["a","b"],"client_id":"c","username":"alice"}""")!.AsObject();
        var (json, error) = TokenEntities.Context(Tree("""{"ip":"1.2.3.4"}"""), token, context);
        Assert.Null(error);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"ip":"1.2.3.4","token":{"scope":["a","b"],"client_id":"c"}}"""), JsonNode.Parse(Text(json))));

        // A string scope where a set is declared is split; a set where a string is declared is joined.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["a","b"]"""), TokenEntities.Fit(JsonValue.Create("a b"), new SetType(PrimitiveType.String))));
        Assert.True(JsonNode.DeepEquals(JsonValue.Create("a b"), TokenEntities.Fit(JsonNode.Parse("""["a","b"]"""), PrimitiveType.String)));

        // An action context that declares no token leaves it out; a caller's own token member is refused.
        var (withoutToken, _) = TokenEntities.Context(Tree("{}"), token, new RecordType(new Dictionary<string, AttributeType>()));
        Assert.Equal("{}", Text(withoutToken));
        var (none, clash) = TokenEntities.Context(Tree("""{"token":1}"""), token, null);
        Assert.Null(none);
        Assert.Contains("context.token", clash, StringComparison.Ordinal);
        Assert.Equal("""{"a":1}""", Text(TokenEntities.Context(Tree("""{"a":1}"""), null, null).Json));
    }

    [Fact]
    public void Principal_attributes_are_fitted_to_the_schema_entity_type()
    {
        var schema = new ValidatorSchema(
            new Dictionary<Name, EntityTypeDefinition>
            {
                [Name.FromFullName("MyCorp::User")] = new(Name.FromFullName("MyCorp::User"), [Name.FromFullName("MyCorp::Group")],
                    new RecordType(new Dictionary<string, AttributeType> { ["email"] = new(PrimitiveType.String, false) }), null, null),
            },
            new Dictionary<EntityUid, ActionDefinition>());
        var identity = Identity(JsonNode.Parse("""{"email":"a@example.com","exp":1}""")!.AsObject());
        var (json, error) = TokenEntities.Assemble(identity, Tree("[]"), true, schema);
        Assert.Null(error);
        var principal = JsonNode.Parse(Text(json))!.AsArray().Single(e => (string)e!["uid"]!["type"]! == "MyCorp::User")!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"email":"a@example.com"}"""), principal["attrs"]));
    }
}
