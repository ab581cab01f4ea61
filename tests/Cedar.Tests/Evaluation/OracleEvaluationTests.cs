using System.Text.Json;
using Cedar.Ast;
using Cedar.Authorization;
using Cedar.Json;
using Cedar.Parsing;
using Cedar.Tests.Support;

namespace Cedar.Tests.Evaluation;

/// <summary>Conditions evaluated by Verdict and by cedar-wasm: same decision, same erroring policies, same error text.</summary>
public class OracleEvaluationTests
{
    private const string Entities = """
        [{"uid":{"type":"User","id":"alice"},"attrs":{"age":30,"name":"alice","tags":["a","b"],"boss":{"__entity":{"type":"User","id":"bob"}},"home":{"__extn":{"fn":"ip","arg":"10.0.0.0/8"}}},"parents":[{"type":"Group","id":"g1"}],"tags":{"t":"v"}},
         {"uid":{"type":"Group","id":"g1"},"attrs":{},"parents":[{"type":"Group","id":"g2"}]},
         {"uid":{"type":"Group","id":"g2"},"attrs":{},"parents":[]},
         {"uid":{"type":"Action","id":"view"},"attrs":{},"parents":[{"type":"Action","id":"read"}]}]
        """;

    private const string Context = """{"n":5,"big":9223372036854775807,"r":{"x":1},"when":{"__extn":{"fn":"datetime","arg":"2024-01-01"}}}""";

    public static TheoryData<string> Conditions => new()
    {
        "principal.age > 18 && principal.name like \"a*\"",
        "principal in Group::\"g2\" && !(Group::\"g2\" in principal)",
        "principal.boss.age > 1",
        "principal.boss in Group::\"g1\"",
        "principal has boss.age",
        "User::\"nobody\" has age || User::\"nobody\".hasTag(\"t\")",
        "User::\"nobody\".getTag(\"t\") == 1",
        "principal.getTag(\"t\") == \"v\" && principal.hasTag(\"t\")",
        "principal.getTag(\"zz\") == \"v\"",
        "context.big + 1 > 0",
        "context.big * -1 - 2 < 0",
        "-(context.big) - 1 == -9223372036854775807 - 1",
        "context.r.x == 1 && context has r.x && !(context has r.y)",
        "context.r.y == 1",
        "principal.home.isInRange(ip(\"10.0.0.0/8\")) && ip(\"10.1.2.3\").isInRange(principal.home)",
        "ip(\"1.2.3.4\") < ip(\"1.2.3.5\")",
        "decimal(\"1.5\").lessThan(decimal(\"2.0\")) && decimal(\"1.5\") != decimal(\"1.50\")",
        "decimal(\"1.23456\") == decimal(\"1.0\")",
        "ip(\"1.2.3.4\").isIpv4(1)",
        "context.when < datetime(\"2024-01-02\") && context.when.offset(duration(\"1d\")) == datetime(\"2024-01-02\")",
        "context.when < 1",
        "duration(\"1h\") > duration(\"59m\")",
        "datetime(\"2024-01-01\").toTime() == duration(\"0ms\")",
        "[1, 2, \"a\"].contains(\"a\") && [1,2].containsAll([2]) && [1].containsAny([3, 1]) && [].isEmpty()",
        "User::\"x\" in [User::\"x\", 1]",
        "principal is User in Group::\"g2\"",
        "principal is Group in 1",
        "if principal.age > 100 then principal.zz else true",
        "if 1 then true else false",
        "true && 1",
        "false || \"a\"",
        "{a: 1, b: [principal]} == {b: [User::\"alice\"], a: 1}",
        "\"a\" < \"b\"",
        "action in Action::\"read\"",
        "\"\\u{1F600}x\" like \"*x\" && \"a*b\" like \"a\\*b\" && !(\"axb\" like \"a\\*b\")",
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public void AgreesWithCedar(string condition)
    {
        var policies = "permit(principal, action, resource) when { " + condition + " };\nforbid(principal, action, resource) unless { " + condition + " };";
        var parsed = PolicyParser.ParsePolicySet(policies);
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        var set = CompiledPolicySet.Compile(PolicySet.Create(parsed.Value!).Value!);
        var store = EntityJson.ParseEntities(Entities);
        Assert.True(store.Success, store.Errors.FirstOrDefault()?.Message);
        var context = EntityJson.ParseContext(Context);
        Assert.True(context.Success);
        var request = new Request(new EntityUid("User", "alice"), new EntityUid("Action", "view"), new EntityUid("Photo", "p"), context.Value);
        var ours = Authorizer.IsAuthorized(request, set, store.Value!);

        var arg = "{\"principal\":{\"type\":\"User\",\"id\":\"alice\"},\"action\":{\"type\":\"Action\",\"id\":\"view\"},\"resource\":{\"type\":\"Photo\",\"id\":\"p\"}," +
            "\"context\":" + Context + ",\"policies\":{\"staticPolicies\":" + JsonSerializer.Serialize(policies) + "},\"entities\":" + Entities + "}";
        var answer = CedarOracle.Shared.Call("isAuthorized", arg);
        Assert.Equal("success", answer["type"]!.GetValue<string>());
        var response = answer["response"]!;
        Assert.Equal(response["decision"]!.GetValue<string>(), ours.Decision == Decision.Allow ? "allow" : "deny");
        Assert.Equal(
            response["diagnostics"]!["reason"]!.AsArray().Select(n => n!.GetValue<string>()).Order(),
            ours.DeterminingPolicies.Order());
        Assert.Equal(
            response["diagnostics"]!["errors"]!.AsArray().Select(n => n!["policyId"]!.GetValue<string>() + ": " + n["error"]!["message"]!.GetValue<string>()).Order(),
            ours.Errors.Select(e => e.PolicyId + ": " + e.Message).Order());
    }
}
