using Cedar.Ast;
using Cedar.Authorization;
using Cedar.Tests.Entities;
using Cedar.Tests.Support;
using Cedar.Values;

namespace Cedar.Tests.Authorization;

public class RequestValidatorTests
{
    [Theory]
    [InlineData("User", "u", "a", "R", "{}", true)]
    [InlineData("User", "u", "a", "R", """{"q":1,"u":{"type":"User","id":"x"}}""", true)]
    [InlineData("R", "u", "a", "R", "{}", false)]
    [InlineData("User", "u", "a", "User", "{}", false)]
    [InlineData("User", "u", "b", "R", "{}", false)]
    [InlineData("User", "u", "zz", "R", "{}", false)]
    [InlineData("User", "u", "a", "R", """{"q":"1"}""", false)]
    public void ValidatesLikeCedar(string principalType, string principalId, string action, string resourceType, string context, bool valid)
    {
        var actionUid = new EntityUid("Action", action);
        var parsed = EntityJsonTests.s_schema.Actions.ContainsKey(actionUid)
            ? global::Cedar.Json.EntityJson.ParseContext(context, EntityJsonTests.s_schema, actionUid)
            : global::Cedar.Json.EntityJson.ParseContext(context);

        // Verdict's schema-based context parsing already rejects ill-typed values; cedar-wasm leaves that to validation.
        var request = new Request(new EntityUid(principalType, principalId), actionUid, new EntityUid(resourceType, "r"), parsed.Value ?? RecordValue.Empty);
        var accepted = parsed.Success && RequestValidator.Validate(request, EntityJsonTests.s_schema).Count == 0;
        Assert.Equal(valid, accepted);

        var arg = $"{{\"principal\":{{\"type\":\"{principalType}\",\"id\":\"{principalId}\"}},\"action\":{{\"type\":\"Action\",\"id\":\"{action}\"}},\"resource\":{{\"type\":\"{resourceType}\",\"id\":\"r\"}}," +
            $"\"context\":{context},\"policies\":{{\"staticPolicies\":\"permit(principal,action,resource);\"}},\"entities\":[]," +
            $"\"schema\":{System.Text.Json.JsonSerializer.Serialize(EntityJsonTests.SchemaText)},\"validateRequest\":true}}";
        Assert.Equal(valid, CedarOracle.Shared.Call("isAuthorized", arg)["type"]!.GetValue<string>() == "success");
    }

    [Fact]
    public void ContextMustHaveTheDeclaredType()
    {
        Assert.True(RequestValidator.Conforms(RecordValue.Empty, EntityJsonTests.s_schema.Actions[new EntityUid("Action", "a")].Context, EntityJsonTests.s_schema));
        Assert.False(RequestValidator.Conforms(Value.Long(1), EntityJsonTests.s_schema.Actions[new EntityUid("Action", "a")].Context, EntityJsonTests.s_schema));
    }
}
