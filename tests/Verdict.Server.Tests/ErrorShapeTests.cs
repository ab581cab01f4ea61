using System.Net;
using System.Text.Json;
using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>The wire shape of every error family the server produces: status, <c>__type</c>, <c>x-amzn-ErrorType</c>, fields.</summary>
public sealed class ErrorShapeTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly RawClient _client = new(fixture.Server);

    public void Dispose() => _client.Dispose();

    [Fact]
    public void Success_carries_content_type_and_request_id()
    {
        var answer = _client.Call("VerifiedPermissions.ListPolicyStores", "{}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/x-amz-json-1.0", answer.ContentType);
        Assert.True(Guid.TryParse(answer.RequestId, out _));
        Assert.Null(answer.ErrorTypeHeader);
        Assert.Equal(JsonValueKind.Array, answer.Body.GetProperty("policyStores").ValueKind);
    }

    [Fact]
    public void Validation_exception_lists_every_field()
    {
        var answer = _client.Call("VerifiedPermissions.CreatePolicyStore",
            """{"validationSettings":{"mode":"LOOSE"},"description":"%%DESC%%","deletionProtection":"MAYBE"}""".Replace("%%DESC%%", new string('x', 151), StringComparison.Ordinal));
        AssertError(answer, HttpStatusCode.BadRequest, "ValidationException");
        Assert.StartsWith("3 validation errors detected: ", answer.Message, StringComparison.Ordinal);
        var fields = answer.Body.GetProperty("fieldList").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("message").GetString()!);
        Assert.Equal(
            "Value 'LOOSE' at 'validationSettings.mode' failed to satisfy constraint: Member must satisfy enum value set: [OFF, STRICT]",
            fields["validationSettings.mode"]);
        Assert.Equal(
            "Value 'MAYBE' at 'deletionProtection' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]",
            fields["deletionProtection"]);
        // The description is sensitive in the model: its value is not echoed.
        Assert.Equal(
            "Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 150",
            fields["description"]);
    }

    [Fact]
    public void Missing_required_member_is_a_validation_exception()
    {
        var answer = _client.Call("VerifiedPermissions.CreatePolicyStore", "{}");
        AssertError(answer, HttpStatusCode.BadRequest, "ValidationException");
        var field = Assert.Single(answer.Body.GetProperty("fieldList").EnumerateArray());
        Assert.Equal("validationSettings", field.GetProperty("path").GetString());
        Assert.Equal("Value null at 'validationSettings' failed to satisfy constraint: Member must not be null", field.GetProperty("message").GetString());
    }

    [Fact]
    public void Resource_not_found_names_the_resource()
    {
        var answer = _client.Call("VerifiedPermissions.GetPolicyStore", """{"policyStoreId":"PSEXAMPLEabcdefg111111"}""");
        AssertError(answer, HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal("PSEXAMPLEabcdefg111111", answer.Body.GetProperty("resourceId").GetString());
        Assert.Equal("POLICY_STORE", answer.Body.GetProperty("resourceType").GetString());
    }

    [Fact]
    public void Stores_of_another_region_are_invisible()
    {
        var id = _client.CreateStore(region: "eu-central-1");
        Assert.Equal(HttpStatusCode.OK, _client.Call("VerifiedPermissions.GetPolicyStore", $$"""{"policyStoreId":"{{id}}"}""", "eu-central-1").Status);
        AssertError(_client.Call("VerifiedPermissions.GetPolicyStore", $$"""{"policyStoreId":"{{id}}"}""", "eu-west-1"),
            HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Fact]
    public void Conflict_exception_lists_the_resources()
    {
        const string token = "conflict-token-1";
        var first = _client.Call("VerifiedPermissions.CreatePolicyStore", $$$"""{"clientToken":"{{{token}}}","validationSettings":{"mode":"OFF"}}""");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var answer = _client.Call("VerifiedPermissions.CreatePolicyStore", $$$"""{"clientToken":"{{{token}}}","validationSettings":{"mode":"STRICT"}}""");
        AssertError(answer, HttpStatusCode.Conflict, "ConflictException");
        var resource = Assert.Single(answer.Body.GetProperty("resources").EnumerateArray());
        Assert.Equal(first.Body.GetProperty("policyStoreId").GetString(), resource.GetProperty("resourceId").GetString());
        Assert.Equal("POLICY_STORE", resource.GetProperty("resourceType").GetString());
    }

    [Fact]
    public void Service_quota_exceeded_names_the_resource_type()
    {
        var id = _client.CreateStore();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, _client.Call("VerifiedPermissions.CreatePolicyStoreAlias",
                $$"""{"aliasName":"policy-store-alias/quota-{{id}}-{{i}}","policyStoreId":"{{id}}"}""").Status);
        }

        var answer = _client.Call("VerifiedPermissions.CreatePolicyStoreAlias", $$"""{"aliasName":"policy-store-alias/quota-{{id}}-x","policyStoreId":"{{id}}"}""");
        AssertError(answer, HttpStatusCode.PaymentRequired, "ServiceQuotaExceededException");
        Assert.Equal("POLICY_STORE_ALIAS", answer.Body.GetProperty("resourceType").GetString());
        Assert.Equal(id, answer.Body.GetProperty("resourceId").GetString());
    }

    [Fact]
    public void Invalid_state_for_a_protected_store()
    {
        var id = _client.CreateStore(extra: ""","deletionProtection":"ENABLED" """);
        var answer = _client.Call("VerifiedPermissions.DeletePolicyStore", $$"""{"policyStoreId":"{{id}}"}""");
        AssertError(answer, HttpStatusCode.NotAcceptable, "InvalidStateException");
        Assert.Equal(HttpStatusCode.OK, _client.Call("VerifiedPermissions.GetPolicyStore", $$"""{"policyStoreId":"{{id}}"}""").Status);
    }

    [Fact]
    public void Too_many_tags_names_the_resource()
    {
        var id = _client.CreateStore();
        var arn = $"arn:aws:verifiedpermissions::000000000000:policy-store/{id}";
        var tags = string.Join(',', Enumerable.Range(0, 51).Select(i => $"\"k{i}\":\"v\""));
        var answer = _client.Call("VerifiedPermissions.TagResource", $$$"""{"resourceArn":"{{{arn}}}","tags":{{{{tags}}}}}""");
        AssertError(answer, HttpStatusCode.BadRequest, "TooManyTagsException");
        Assert.Equal(arn, answer.Body.GetProperty("resourceName").GetString());
    }

    [Fact]
    public void Malformed_json_is_a_serialization_exception()
    {
        AssertError(_client.Call("VerifiedPermissions.ListPolicyStores", "{\"maxResults\": "), HttpStatusCode.BadRequest, "SerializationException");
        AssertError(_client.Call("VerifiedPermissions.ListPolicyStores", "[]"), HttpStatusCode.BadRequest, "SerializationException");
    }

    [Fact]
    public void Wrong_json_type_is_a_serialization_exception()
    {
        var answer = _client.Call("VerifiedPermissions.ListPolicyStores", """{"maxResults":"ten"}""");
        AssertError(answer, HttpStatusCode.BadRequest, "SerializationException");
        Assert.Contains("maxResults", answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VerifiedPermissions.NoSuchOperation")]
    [InlineData("SomeOtherService.ListPolicyStores")]
    [InlineData("")]
    public void Unknown_target_is_an_unknown_operation_exception(string target)
    {
        AssertError(_client.Call(target, "{}"), HttpStatusCode.BadRequest, "UnknownOperationException");
    }

    [Fact]
    public void Oversized_body_is_refused()
    {
        var body = "{\"description\":\"" + new string('x', (1024 * 1024) + 10) + "\"}";
        var answer = _client.Call("VerifiedPermissions.CreatePolicyStore", body);
        AssertError(answer, HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLargeException");
    }

    [Fact]
    public void Invalid_next_token_is_a_validation_exception()
    {
        var answer = _client.Call("VerifiedPermissions.ListPolicyStores", """{"nextToken":"Zm9vYmFy"}""");
        AssertError(answer, HttpStatusCode.BadRequest, "ValidationException");
        Assert.Equal("nextToken", Assert.Single(answer.Body.GetProperty("fieldList").EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task Health_answers_ok()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(fixture.Server.Endpoint + "/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static void AssertError(RawClient.Answer answer, HttpStatusCode status, string type)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal(type, answer.Type);
        Assert.Equal(type, answer.ErrorTypeHeader);
        Assert.False(string.IsNullOrEmpty(answer.Message));
        Assert.True(Guid.TryParse(answer.RequestId, out _));
    }
}
