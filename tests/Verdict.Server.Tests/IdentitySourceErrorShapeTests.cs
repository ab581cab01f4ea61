using System.Net;
using System.Text.Json;
using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>
/// Identity-source errors on the wire: every model constraint (which the AWS CLI and boto3 partly check before sending,
/// so raw requests are the way to reach the server with them) and the semantic checks, each naming the failing member
/// in <c>fieldList</c>; the quota, not-found and conflict shapes.
/// </summary>
public sealed class IdentitySourceErrorShapeTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private const string PoolArn = "arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_1a2b3c4d5";
    private readonly RawClient _client = new(fixture.Server);

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("""{"cognitoUserPoolConfiguration":{"userPoolArn":"arn:aws:cognito-idp:us-west-2:123456789012:userpool/nounderscore"}}""", "configuration.cognitoUserPoolConfiguration.userPoolArn")]
    [InlineData("""{"cognitoUserPoolConfiguration":{"userPoolArn":"arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-east-1_abc"}}""", "configuration.cognitoUserPoolConfiguration.userPoolArn")]
    [InlineData("""{"cognitoUserPoolConfiguration":{"userPoolArn":"arn:aws-mars:cognito-idp:us-west-2:123456789012:userpool/us-west-2_abc"}}""", "configuration.cognitoUserPoolConfiguration.userPoolArn")]
    [InlineData("""{"cognitoUserPoolConfiguration":{"userPoolArn":"arn:aws:cognito-idp:us-west-2:1234:userpool/us-west-2_abc"}}""", "configuration.cognitoUserPoolConfiguration.userPoolArn")]
    [InlineData("""{"cognitoUserPoolConfiguration":{"userPoolArn":"arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_abc","clientIds":[""]}}""", "configuration.cognitoUserPoolConfiguration.clientIds[0]")]
    [InlineData("""{"cognitoUserPoolConfiguration":{"userPoolArn":"arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_abc","groupConfiguration":{"groupEntityType":"My Group"}}}""", "configuration.cognitoUserPoolConfiguration.groupConfiguration.groupEntityType")]
    [InlineData("""{"cognitoUserPoolConfiguration":{"userPoolArn":"arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_abc","groupConfiguration":{"groupEntityType":"if"}}}""", "configuration.cognitoUserPoolConfiguration.groupConfiguration.groupEntityType")]
    [InlineData("""{"cognitoUserPoolConfiguration":{"userPoolArn":"arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_abc"},"openIdConnectConfiguration":{"issuer":"https://a.example.com","tokenSelection":{"identityTokenOnly":{}}}}""", "configuration")]
    [InlineData("""{}""", "configuration")]
    [InlineData("""{"openIdConnectConfiguration":{"issuer":"http://a.example.com","tokenSelection":{"identityTokenOnly":{}}}}""", "configuration.openIdConnectConfiguration.issuer")]
    [InlineData("""{"openIdConnectConfiguration":{"issuer":"https://*.example.com","tokenSelection":{"identityTokenOnly":{}}}}""", "configuration.openIdConnectConfiguration.issuer")]
    [InlineData("""{"openIdConnectConfiguration":{"issuer":"https://a.example.com?x=1","tokenSelection":{"identityTokenOnly":{}}}}""", "configuration.openIdConnectConfiguration.issuer")]
    [InlineData("""{"openIdConnectConfiguration":{"issuer":"https://a.example.com","tokenSelection":{}}}""", "configuration.openIdConnectConfiguration.tokenSelection")]
    [InlineData("""{"openIdConnectConfiguration":{"issuer":"https://a.example.com"}}""", "configuration.openIdConnectConfiguration.tokenSelection")]
    [InlineData("""{"openIdConnectConfiguration":{"issuer":"https://a.example.com","tokenSelection":{"accessTokenOnly":{"audiences":[]}}}}""", "configuration.openIdConnectConfiguration.tokenSelection.accessTokenOnly.audiences")]
    [InlineData("""{"openIdConnectConfiguration":{"issuer":"https://a.example.com","tokenSelection":{"accessTokenOnly":{"audiences":["x"]},"identityTokenOnly":{}}}}""", "configuration.openIdConnectConfiguration.tokenSelection")]
    [InlineData("""{"openIdConnectConfiguration":{"issuer":"https://a.example.com","entityIdPrefix":"","tokenSelection":{"identityTokenOnly":{}}}}""", "configuration.openIdConnectConfiguration.entityIdPrefix")]
    [InlineData("""{"openIdConnectConfiguration":{"issuer":"https://a.example.com","groupConfiguration":{"groupClaim":"","groupEntityType":"G"},"tokenSelection":{"identityTokenOnly":{}}}}""", "configuration.openIdConnectConfiguration.groupConfiguration.groupClaim")]
    [InlineData("""{"openIdConnectConfiguration":{"issuer":"https://a.example.com","groupConfiguration":{"groupEntityType":"G"},"tokenSelection":{"identityTokenOnly":{}}}}""", "configuration.openIdConnectConfiguration.groupConfiguration.groupClaim")]
    [InlineData("""{"openIdConnectConfiguration":{"issuer":"https://a.example.com","tokenSelection":{"identityTokenOnly":{"principalIdClaim":""}}}}""", "configuration.openIdConnectConfiguration.tokenSelection.identityTokenOnly.principalIdClaim")]
    public void Invalid_configurations_are_validation_errors_naming_the_member(string configuration, string path)
    {
        var store = _client.CreateStore();
        var answer = _client.Call("VerifiedPermissions.CreateIdentitySource", $$"""{"policyStoreId":"{{store}}","configuration":{{configuration}}}""");
        AssertError(answer, HttpStatusCode.BadRequest, "ValidationException");
        Assert.Contains(answer.Body.GetProperty("fieldList").EnumerateArray(), f => f.GetProperty("path").GetString() == path);

        // The same checks guard an update.
        var created = Call("CreateIdentitySource", new { policyStoreId = store, configuration = new { cognitoUserPoolConfiguration = new { userPoolArn = PoolArn } } });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        answer = _client.Call("VerifiedPermissions.UpdateIdentitySource",
            $$"""{"policyStoreId":"{{store}}","identitySourceId":"{{created.Body.GetProperty("identitySourceId").GetString()}}","updateConfiguration":{{configuration}}}""");
        AssertError(answer, HttpStatusCode.BadRequest, "ValidationException");
        Assert.Contains(answer.Body.GetProperty("fieldList").EnumerateArray(), f => f.GetProperty("path").GetString() == "update" + path[0..1].ToUpperInvariant() + path[1..]);
    }

    [Theory]
    [InlineData("not a type")]
    [InlineData("User::")]
    [InlineData("in")]
    public void Principal_entity_types_must_be_cedar_names(string principalEntityType)
    {
        var store = _client.CreateStore();
        var answer = Call("CreateIdentitySource", new
        {
            policyStoreId = store,
            configuration = new { cognitoUserPoolConfiguration = new { userPoolArn = PoolArn } },
            principalEntityType,
        });
        AssertError(answer, HttpStatusCode.BadRequest, "ValidationException");
        Assert.Equal("principalEntityType", answer.Body.GetProperty("fieldList")[0].GetProperty("path").GetString());
        Assert.Contains("principalEntityType", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quota_not_found_and_conflict_shapes()
    {
        var store = _client.CreateStore();
        var configuration = new { cognitoUserPoolConfiguration = new { userPoolArn = PoolArn } };
        var first = Call("CreateIdentitySource", new { policyStoreId = store, configuration, clientToken = "abc-123" });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var id = first.Body.GetProperty("identitySourceId").GetString()!;

        var quota = Call("CreateIdentitySource", new { policyStoreId = store, configuration });
        AssertError(quota, (HttpStatusCode)402, "ServiceQuotaExceededException");
        Assert.Equal("IDENTITY_SOURCE", quota.Body.GetProperty("resourceType").GetString());
        Assert.Equal(store, quota.Body.GetProperty("resourceId").GetString());
        Assert.Equal("verifiedpermissions", quota.Body.GetProperty("serviceCode").GetString());

        var replay = Call("CreateIdentitySource", new { policyStoreId = store, configuration, clientToken = "abc-123" });
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Equal(first.Body.GetRawText(), replay.Body.GetRawText());

        var conflict = Call("CreateIdentitySource", new { policyStoreId = store, configuration, clientToken = "abc-123", principalEntityType = "User" });
        AssertError(conflict, HttpStatusCode.Conflict, "ConflictException");
        var resource = Assert.Single(conflict.Body.GetProperty("resources").EnumerateArray());
        Assert.Equal(id, resource.GetProperty("resourceId").GetString());
        Assert.Equal("IDENTITY_SOURCE", resource.GetProperty("resourceType").GetString());

        var missing = Call("GetIdentitySource", new { policyStoreId = store, identitySourceId = "ISEXAMPLEabcdefg111111" });
        AssertError(missing, HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal("ISEXAMPLEabcdefg111111", missing.Body.GetProperty("resourceId").GetString());
        Assert.Equal("IDENTITY_SOURCE", missing.Body.GetProperty("resourceType").GetString());

        var noStore = Call("ListIdentitySources", new { policyStoreId = "PSEXAMPLEabcdefg111111" });
        AssertError(noStore, HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal("POLICY_STORE", noStore.Body.GetProperty("resourceType").GetString());

        var badToken = Call("ListIdentitySources", new { policyStoreId = store, nextToken = "bm90IGEgdG9rZW4=" });
        AssertError(badToken, HttpStatusCode.BadRequest, "ValidationException");
        AssertError(Call("ListIdentitySources", new { policyStoreId = store, maxResults = 201 }), HttpStatusCode.BadRequest, "ValidationException");
        AssertError(Call("ListIdentitySources", new { policyStoreId = store, maxResults = 0 }), HttpStatusCode.BadRequest, "ValidationException");
        Assert.Equal(HttpStatusCode.OK, Call("ListIdentitySources", new { policyStoreId = store, maxResults = 200 }).Status);
        var tooManyFilters = Call("ListIdentitySources", new { policyStoreId = store, filters = Enumerable.Repeat(new { principalEntityType = "User" }, 11) });
        AssertError(tooManyFilters, HttpStatusCode.BadRequest, "ValidationException");
    }

    [Fact]
    public void Listing_pages_through_the_sources_of_many_stores_one_store_at_a_time()
    {
        var store = _client.CreateStore();
        var other = _client.CreateStore();
        Assert.Equal(HttpStatusCode.OK, Call("CreateIdentitySource", new { policyStoreId = other, configuration = new { cognitoUserPoolConfiguration = new { userPoolArn = PoolArn } } }).Status);
        var created = Call("CreateIdentitySource", new { policyStoreId = store, configuration = new { cognitoUserPoolConfiguration = new { userPoolArn = PoolArn } }, principalEntityType = "App::User" });
        var page = Call("ListIdentitySources", new { policyStoreId = store, maxResults = 1 });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var item = Assert.Single(page.Body.GetProperty("identitySources").EnumerateArray());
        Assert.Equal(created.Body.GetProperty("identitySourceId").GetString(), item.GetProperty("identitySourceId").GetString());
        Assert.False(page.Body.TryGetProperty("nextToken", out _));
        var filtered = Call("ListIdentitySources", new { policyStoreId = store, filters = new[] { new { principalEntityType = "App::User" } } });
        Assert.Single(filtered.Body.GetProperty("identitySources").EnumerateArray());
    }

    private RawClient.Answer Call<T>(string operation, T input) =>
        _client.Call("VerifiedPermissions." + operation, JsonSerializer.Serialize(input));

    private static void AssertError(RawClient.Answer answer, HttpStatusCode status, string type)
    {
        Assert.True(status == answer.Status, $"{answer.Status}: {answer.Body}");
        Assert.Equal(type, answer.Type);
        Assert.Equal(type, answer.ErrorTypeHeader);
        Assert.False(string.IsNullOrEmpty(answer.Message));
    }
}
