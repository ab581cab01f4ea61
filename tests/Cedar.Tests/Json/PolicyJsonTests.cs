using System.Text.Json.Nodes;
using Cedar.Ast;
using Cedar.Formatting;
using Cedar.Json;
using Cedar.Parsing;
using Cedar.Values;

namespace Cedar.Tests.Json;

public class PolicyJsonTests
{
    private const string Scope = "\"principal\":{\"op\":\"All\"},\"action\":{\"op\":\"All\"},\"resource\":{\"op\":\"All\"}";

    private static string PolicyWithBody(string body) =>
        "{\"effect\":\"permit\"," + Scope + ",\"conditions\":[{\"kind\":\"when\",\"body\":" + body + "}]}";

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(9007199254740993L)]
    [InlineData(-9007199254740993L)]
    public void Long_literals_keep_all_64_bits(long n)
    {
        var json = PolicyWithBody("{\"Value\":" + n + "}");
        var parsed = PolicyJson.FromJson(json, "p");
        Assert.True(parsed.Success);
        var literal = Assert.IsType<LiteralExpr>(parsed.Value!.Conditions[0].Body);
        Assert.Equal(n, Assert.IsType<LongValue>(literal.Value).Value);
        Assert.Contains(":" + n + "}", PolicyJson.ToJson(parsed.Value!), StringComparison.Ordinal);
        Assert.Contains(n < 0 ? "(" + n + ")" : n.ToString(), PolicyPrinter.Print(parsed.Value!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"Value\":9223372036854775808}", "not a 64-bit integer")]
    [InlineData("{\"Value\":1.5}", "not a 64-bit integer")]
    [InlineData("{\"Var\":\"principal\",\"x\":1}", "exactly one key")]
    [InlineData("{\"Var\":\"me\"}", "\"resource\" or \"context\"")]
    [InlineData("{\"==\":{\"left\":{\"Var\":\"principal\"}}}", "missing field `right`")]
    [InlineData("{\"==\":{\"left\":{\"Var\":\"principal\"},\"right\":{\"Value\":1},\"x\":1}}", "unknown field `x`")]
    [InlineData("{\"foo\":[]}", "unknown expression kind or extension function `foo`")]
    [InlineData("{\"Slot\":\"?principal\"}", "slot")]
    [InlineData("{\"Value\":{\"__entity\":{\"type\":\"if\",\"id\":\"a\"}}}", "reserved")]
    [InlineData("{\"Value\":{\"__entity\":{\"type\":\"__cedar::A\",\"id\":\"a\"}}}", "__cedar")]
    [InlineData("{\"like\":{\"left\":{\"Var\":\"principal\"},\"pattern\":[\"Star\"]}}", "Wildcard")]
    [InlineData("{\"has\":{\"left\":{\"Var\":\"principal\"},\"attr\":[]}}", "non-empty")]
    public void Bad_expressions_are_reported_not_thrown(string body, string expected)
    {
        var parsed = PolicyJson.FromJson(PolicyWithBody(body), "p");
        Assert.False(parsed.Success);
        Assert.Contains(parsed.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
        Assert.All(parsed.Errors, e => Assert.True(e.Kind is ParseErrorKind.InvalidJson));
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var json = "{\"effect\":\"allow\",\"principal\":{\"op\":\"==\",\"slot\":\"?resource\"},\"action\":{\"op\":\"==\",\"entity\":{\"type\":\"User\",\"id\":\"a\"}},\"resource\":{\"op\":\"All\"},\"conditions\":[],\"extra\":true}";
        var parsed = PolicyJson.FromJson(json, "p");
        Assert.False(parsed.Success);
        Assert.Contains(parsed.Errors, e => e.Message.Contains("permit", StringComparison.Ordinal));
        Assert.Contains(parsed.Errors, e => e.Message.Contains("wrong position", StringComparison.Ordinal));
        Assert.Contains(parsed.Errors, e => e.Message.Contains("`Action`", StringComparison.Ordinal));
        Assert.Contains(parsed.Errors, e => e.Message.Contains("unknown field `extra`", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("{\"effect\":\"permit\",}")]
    [InlineData("null")]
    public void Malformed_json_is_an_error(string json)
    {
        var parsed = PolicyJson.FromJson(json, "p");
        Assert.False(parsed.Success);
        Assert.Equal(ParseErrorKind.InvalidJson, parsed.Errors[0].Kind);
    }

    [Fact]
    public void Deep_nesting_is_reported_instead_of_overflowing_the_stack()
    {
        var depth = 100_000;
        var body = string.Concat(Enumerable.Repeat("{\"!\":{\"arg\":", depth)) + "{\"Value\":true}" + new string('}', depth * 2);
        var parsed = PolicyJson.FromJson(PolicyWithBody(body), "p");
        Assert.False(parsed.Success);
        Assert.True(parsed.Errors[0].Kind is ParseErrorKind.InvalidJson or ParseErrorKind.NestingTooDeep);
    }

    [Fact]
    public void Moderately_deep_expressions_round_trip()
    {
        var depth = 400;
        var body = string.Concat(Enumerable.Repeat("{\"!\":{\"arg\":", depth)) + "{\"Value\":true}" + new string('}', depth * 2);
        var json = PolicyWithBody(body);
        var parsed = PolicyJson.FromJson(json, "p");
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        Assert.Equal(json, PolicyJson.ToJson(parsed.Value!));
        Assert.StartsWith("permit(principal, action, resource) when { !(!(!", PolicyPrinter.Print(parsed.Value!), StringComparison.Ordinal);
    }

    [Fact]
    public void Values_that_are_sets_records_and_extension_escapes_become_expressions()
    {
        var body = "{\"==\":{\"left\":{\"Value\":[1,{\"__entity\":{\"type\":\"A\",\"id\":\"b\"}},{\"b\":true,\"a\":\"x\"}]},\"right\":{\"Value\":{\"__extn\":{\"fn\":\"decimal\",\"arg\":\"1.0\"}}}}}";
        var parsed = PolicyJson.FromJson(PolicyWithBody(body), "p");
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        Assert.Equal("permit(principal, action, resource) when { [1, A::\"b\", {a: \"x\", b: true}] == decimal(\"1.0\") };", PolicyPrinter.Print(parsed.Value!));
    }

    [Fact]
    public void Policy_sets_round_trip_with_templates_and_links()
    {
        var json = """
            {"staticPolicies": {"s1": {"effect":"forbid","principal":{"op":"All"},"action":{"op":"All"},"resource":{"op":"All"},"conditions":[]}},
             "templates": {"t1": {"effect":"permit","principal":{"op":"==","slot":"?principal"},"action":{"op":"All"},"resource":{"op":"in","slot":"?resource"},"conditions":[],"annotations":{"k":null}}},
             "templateLinks": [{"templateId":"t1","newId":"l1","values":{"?principal":{"type":"User","id":"a"},"?resource":{"__entity":{"type":"Box","id":"b"}}}}]}
            """;
        var set = PolicyJson.PolicySetFromJson(json);
        Assert.True(set.Success, string.Join("; ", set.Errors.Select(e => e.Message)));
        Assert.True(set.Value!.TryGetStaticPolicy("s1", out _));
        Assert.True(set.Value!.TryGetTemplate("t1", out var template));
        Assert.Equal([SlotId.Principal, SlotId.Resource], template.Slots);
        Assert.True(set.Value!.TryGetLink("l1", out var link));
        Assert.Equal(new EntityUid("Box", "b"), link.Values[SlotId.Resource]);

        var again = PolicyJson.PolicySetFromJson(PolicyJson.PolicySetToJson(set.Value!));
        Assert.True(again.Success);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(PolicyJson.PolicySetToJson(set.Value!)), JsonNode.Parse(PolicyJson.PolicySetToJson(again.Value!))));
    }

    [Theory]
    [InlineData("{\"templateLinks\":[{\"templateId\":\"nope\",\"newId\":\"l\",\"values\":{}}]}", "failed to find a template")]
    [InlineData("{\"staticPolicies\":{\"a\":{\"effect\":\"permit\",\"principal\":{\"op\":\"==\",\"slot\":\"?principal\"},\"action\":{\"op\":\"All\"},\"resource\":{\"op\":\"All\"},\"conditions\":[]}}}", "expected a static policy")]
    [InlineData("{\"policies\":{}}", "unknown field `policies`")]
    [InlineData("{\"staticPolicies\":{\"a\":\"permit(principal, action, resource);\"}}", "Cedar text")]
    public void Bad_policy_sets_are_reported(string json, string expected)
    {
        var set = PolicyJson.PolicySetFromJson(json);
        Assert.False(set.Success);
        Assert.Contains(set.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }
}
