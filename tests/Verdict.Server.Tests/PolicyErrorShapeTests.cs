using System.Net;
using System.Text.Json;
using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>The wire shape of the errors of the policy, template, schema and authorization operations.</summary>
public sealed class PolicyErrorShapeTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly RawClient _client = new(fixture.Server);

    public void Dispose() => _client.Dispose();

    [Fact]
    public void Missing_policy_and_template_name_the_resource()
    {
        var store = _client.CreateStore();
        var answer = Call("GetPolicy", new { policyStoreId = store, policyId = "SPEXAMPLEabcdefg111111" });
        AssertError(answer, HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal("SPEXAMPLEabcdefg111111", answer.Body.GetProperty("resourceId").GetString());
        Assert.Equal("POLICY", answer.Body.GetProperty("resourceType").GetString());

        answer = Call("CreatePolicy", new { policyStoreId = store, definition = new { templateLinked = new { policyTemplateId = "PTEXAMPLEabcdefg111111" } } });
        AssertError(answer, HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal("POLICY_TEMPLATE", answer.Body.GetProperty("resourceType").GetString());

        answer = Call("GetSchema", new { policyStoreId = store });
        AssertError(answer, HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal("SCHEMA", answer.Body.GetProperty("resourceType").GetString());

        answer = Call("IsAuthorized", new { policyStoreId = "PSEXAMPLEabcdefg111111" });
        AssertError(answer, HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal("POLICY_STORE", answer.Body.GetProperty("resourceType").GetString());
    }

    [Fact]
    public void A_strict_store_validates_template_links_against_its_schema()
    {
        var store = _client.CreateStore(extra: ""); // OFF store first: put the schema and template, then switch to STRICT
        var schema = """{"App":{"entityTypes":{"User":{},"Doc":{}},"actions":{"view":{"appliesTo":{"principalTypes":["User"],"resourceTypes":["Doc"]}}}}}""";
        Assert.Equal(HttpStatusCode.OK, Call("PutSchema", new { policyStoreId = store, definition = new { cedarJson = schema } }).Status);
        Assert.Equal(HttpStatusCode.OK, Call("UpdatePolicyStore", new { policyStoreId = store, validationSettings = new { mode = "STRICT" } }).Status);
        var template = Call("CreatePolicyTemplate", new { policyStoreId = store, statement = "permit(principal == ?principal, action == App::Action::\"view\", resource);" });
        Assert.Equal(HttpStatusCode.OK, template.Status);
        var templateId = template.Body.GetProperty("policyTemplateId").GetString();

        var good = Call("CreatePolicy", new { policyStoreId = store, definition = new { templateLinked = new { policyTemplateId = templateId, principal = new { entityType = "App::User", entityId = "alice" } } } });
        Assert.Equal(HttpStatusCode.OK, good.Status);

        var undeclared = Call("CreatePolicy", new { policyStoreId = store, definition = new { templateLinked = new { policyTemplateId = templateId, principal = new { entityType = "App::Robot", entityId = "r2" } } } });
        AssertError(undeclared, HttpStatusCode.BadRequest, "ValidationException");
        Assert.Equal("definition.templateLinked", undeclared.Body.GetProperty("fieldList")[0].GetProperty("path").GetString());

        var wrongType = Call("CreatePolicy", new { policyStoreId = store, definition = new { templateLinked = new { policyTemplateId = templateId, principal = new { entityType = "App::Doc", entityId = "d1" } } } });
        AssertError(wrongType, HttpStatusCode.BadRequest, "ValidationException");
    }

    [Fact]
    public void Syntax_errors_list_each_error_with_its_position()
    {
        var store = _client.CreateStore();
        var answer = Call("CreatePolicy", new { policyStoreId = store, definition = new { @static = new { statement = "permit(principal, action, resource) when { 1 + };" } } });
        AssertError(answer, HttpStatusCode.BadRequest, "ValidationException");
        var field = answer.Body.GetProperty("fieldList")[0];
        Assert.Equal("definition.static.statement", field.GetProperty("path").GetString());
        Assert.Matches(@"^1:\d+: ", field.GetProperty("message").GetString()!);
    }

    [Fact]
    public void Duplicate_names_and_reused_client_tokens_are_conflicts()
    {
        var store = _client.CreateStore();
        var first = Call("CreatePolicy", new { policyStoreId = store, name = "name/one", definition = new { @static = new { statement = "permit(principal, action, resource);" } } });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var answer = Call("CreatePolicy", new { policyStoreId = store, name = "name/one", definition = new { @static = new { statement = "forbid(principal, action, resource);" } } });
        AssertError(answer, HttpStatusCode.Conflict, "ConflictException");
        var resource = Assert.Single(answer.Body.GetProperty("resources").EnumerateArray());
        Assert.Equal(first.Body.GetProperty("policyId").GetString(), resource.GetProperty("resourceId").GetString());
        Assert.Equal("POLICY", resource.GetProperty("resourceType").GetString());

        var token = Guid.NewGuid().ToString();
        var created = Call("CreatePolicy", new { policyStoreId = store, clientToken = token, definition = new { @static = new { statement = "permit(principal, action, resource);" } } });
        var replayed = Call("CreatePolicy", new { policyStoreId = store, clientToken = token, definition = new { @static = new { statement = "permit(principal, action, resource);" } } });
        Assert.Equal(created.Body.GetProperty("policyId").GetString(), replayed.Body.GetProperty("policyId").GetString());
        answer = Call("CreatePolicy", new { policyStoreId = store, clientToken = token, definition = new { @static = new { statement = "forbid(principal, action, resource);" } } });
        AssertError(answer, HttpStatusCode.Conflict, "ConflictException");
    }

    [Fact]
    public void Quotas_on_templates_policy_size_and_batches()
    {
        var store = _client.CreateStore();
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HttpStatusCode.OK, Call("CreatePolicyTemplate", new { policyStoreId = store, statement = "permit(principal == ?principal, action, resource);" }).Status);
        }

        var answer = Call("CreatePolicyTemplate", new { policyStoreId = store, statement = "permit(principal == ?principal, action, resource);" });
        AssertError(answer, HttpStatusCode.PaymentRequired, "ServiceQuotaExceededException");
        Assert.Equal("POLICY_TEMPLATE", answer.Body.GetProperty("resourceType").GetString());
        Assert.Equal("verifiedpermissions", answer.Body.GetProperty("serviceCode").GetString());

        var big = "permit(principal, action, resource) when { \"" + new string('x', 10_000) + "\" == \"\" };";
        answer = Call("CreatePolicy", new { policyStoreId = store, definition = new { @static = new { statement = big } } });
        AssertError(answer, HttpStatusCode.PaymentRequired, "ServiceQuotaExceededException");
        Assert.Equal("POLICY", answer.Body.GetProperty("resourceType").GetString());

        var request = new
        {
            principal = new { entityType = "User", entityId = "a" },
            action = new { actionType = "Action", actionId = "read" },
            resource = new { entityType = "Doc", entityId = "d" },
        };
        answer = Call("BatchIsAuthorized", new { policyStoreId = store, requests = Enumerable.Repeat(request, 31).ToArray() });
        AssertError(answer, HttpStatusCode.BadRequest, "ValidationException");
        Assert.Equal("requests", answer.Body.GetProperty("fieldList")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.OK, Call("BatchIsAuthorized", new { policyStoreId = store, requests = Enumerable.Repeat(request, 30).ToArray() }).Status);
    }

    private RawClient.Answer Call<T>(string operation, T input) =>
        _client.Call("VerifiedPermissions." + operation, JsonSerializer.Serialize(input));

    private static void AssertError(RawClient.Answer answer, HttpStatusCode status, string type)
    {
        Assert.Equal(status, answer.Status);
        Assert.Equal(type, answer.Type);
        Assert.Equal(type, answer.ErrorTypeHeader);
        Assert.False(string.IsNullOrEmpty(answer.Message));
    }
}
