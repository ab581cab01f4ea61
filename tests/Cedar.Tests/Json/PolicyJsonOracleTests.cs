using System.Text.Json.Nodes;
using Cedar.Formatting;
using Cedar.Json;
using Cedar.Parsing;

namespace Cedar.Tests.Json;

/// <summary>Our JSON policy format and printer against cedar-wasm's policyToJson / policyToText.</summary>
public class PolicyJsonOracleTests
{
    public static TheoryData<string> TrickyPolicies =>
    [
        "permit(principal, action, resource);",
        "forbid(principal == User::\"alice\", action == Action::\"read\", resource in Folder::\"f\");",
        "permit(principal in Group::\"g\", action in [Action::\"a\", NS::Action::\"b\"], resource is Photo);",
        "permit(principal is User in Group::\"g\", action in Action::\"a\", resource is A::B in A::C::\"x\");",
        "permit(principal, action in [], resource);",
        "permit(principal, action in [Action::\"only\"], resource);",
        "permit(principal == ?principal, action, resource in ?resource);",
        "@id(\"t1\") @note permit(principal in ?principal, action, resource is Photo in ?resource) when { resource.public };",
        "forbid(principal is User in ?principal, action, resource == ?resource) unless { context.ok };",
        "@b(\"x\") @a @c(\"\\\"quoted\\\" \\n \\u{1F600}\") permit(principal, action, resource);",
        "@if(\"reserved key\") permit(principal, action, resource);",
        "permit(principal, action, resource) when { context has a.b.c && context has \"x y\" && principal has principal };",
        "permit(principal, action, resource) when { context.x like \"a\\*b*c**\" && context.y like \"\" && context.z like \"*\" };",
        "permit(principal, action, resource) when { context.s == \"\\u{301}e\\u{301}\\u{200d}\\u{a0}\\0\\t\\r'\\\\\" };",
        "permit(principal, action, resource) when { context.s like \"\\u{301}e\\u{301}\\u{e000}\" };",
        "permit(principal, action, resource) when { -1 < -(2) && - -3 == 3 && -context.n > 0 && (-1).foo };",
        "permit(principal, action, resource) when { 1 + 2 + 3 == 1 + (2 + 3) && 1 - (2 - 3) * 4 == (1 - 2) - 3 && 2 * 3 * 4 > 0 };",
        "permit(principal, action, resource) when { true && (false || true) || !(true && false) };",
        "permit(principal, action, resource) when { if context.a then (if context.b then 1 else 2) else 3 + 4 };",
        "permit(principal, action, resource) when { (if true then principal else resource).name == \"x\" };",
        "permit(principal, action, resource) when { {b: 1, a: [2, {c: \"d\"}], \"if\": 3, \"a b\": 4, \"é\": 5} has a };",
        "permit(principal, action, resource) when { principal[\"then\"] == principal[\"a b\"] && principal.__cedarx == 1 };",
        "permit(principal, action, resource) when { ip(\"10.0.0.1\").isInRange(ip(\"10.0.0.0/8\")) && ip(\"::1\").isLoopback() };",
        "permit(principal, action, resource) when { decimal(\"1.5\").lessThan(decimal(\"2.0\")) && context.d.greaterThanOrEqual(decimal(\"0.0\")) };",
        "permit(principal, action, resource) when { datetime(\"2024-01-01\").offset(duration(\"1h\")).toDate() < datetime(\"2025-01-01\") && duration(\"1d\").toHours() == 24 };",
        "permit(principal, action, resource) when { principal.tags.hasTag(\"a\") && principal.getTag(\"a\") == 1 && [1].containsAny([1, 2]) && [1].containsAll([]) };",
        "permit(principal, action, resource) when { context.set.isEmpty() && !(context.set + 1).isEmpty() };",
        "permit(principal, action, resource) when { principal is User && resource is A::B in principal && context.x is C in [Group::\"g\"] };",
        "permit(principal, action, resource) when { principal in [User::\"a\", User::\"b\"] && User::\"\\u{0}\\\"\" == principal };",
        "permit(principal, action, resource) when { 9007199254740991 > 0 || -9007199254740991 < 0 };",
        "permit(principal, action, resource) when { true } unless { false } when { context.x };",
        "permit(principal, action, resource) when { (1 < 2) == (3 >= 4) && (1 != 2) && (principal in resource) == true };",
        "permit(principal, action, resource) when { (principal has x) || (principal like \"a\") || (principal is X) || (!true) };",
        "permit(principal, action, resource) when { context.a.b.c.d.e.f.g.h == [[[[[[[[1]]]]]]]] };",
        "permit(principal, action, resource) when { " + new string('(', 10) + "1" + new string(')', 10) + " + " + string.Concat(Enumerable.Repeat("(1 + ", 12)) + "1" + new string(')', 12) + " > 0 };",
        "permit(principal, action, resource) when { " + string.Join(" && ", Enumerable.Range(0, 25).Select(i => $"context.a{i}")) + " };",
    ];

    [Theory]
    [MemberData(nameof(TrickyPolicies))]
    public void Hand_written_policies_round_trip_and_print_like_the_oracle(string text)
    {
        var isTemplate = text.Contains("?principal", StringComparison.Ordinal) || text.Contains("?resource", StringComparison.Ordinal);
        var oracleJson = CorpusPolicies.OracleJson(text, isTemplate);
        Assert.NotNull(oracleJson);
        Assert.False(HasRoundedInteger(oracleJson), "the oracle rounded an integer in this row; pick smaller numbers");
        var problem = Compare(oracleJson!, isTemplate);
        Assert.Null(problem);
    }

    [Fact]
    public void Every_corpus_policy_round_trips_and_prints_like_the_oracle()
    {
        var policies = CorpusPolicies.Policies;
        Assert.True(policies.Count > 1000, $"expected the corpus to hold over 1000 distinct policies, found {policies.Count}");
        var failures = new List<string>();
        var compared = 0;
        foreach (var (text, isTemplate) in policies)
        {
            var oracleJson = CorpusPolicies.OracleJson(text, isTemplate);
            if (oracleJson is null || HasRoundedInteger(oracleJson))
            {
                continue;
            }

            compared++;
            if (Compare(oracleJson, isTemplate) is { } problem)
            {
                failures.Add(text + "\n  " + problem);
            }
        }

        Assert.True(compared > 1000, $"only {compared} policies were compared");
        Assert.True(failures.Count == 0, $"{failures.Count} of {compared} differ:\n" + string.Join("\n", failures.Take(10)));
    }

    [Fact]
    public void Parsed_corpus_policies_give_the_oracles_json()
    {
        var failures = new List<string>();
        var compared = 0;
        foreach (var (text, isTemplate) in CorpusPolicies.Policies)
        {
            var oracleJson = CorpusPolicies.OracleJson(text, isTemplate);
            var parsed = PolicyParser.ParsePolicy(text);
            if (oracleJson is null || HasRoundedInteger(oracleJson))
            {
                continue;
            }

            compared++;
            if (!parsed.Success)
            {
                failures.Add(text + "\n  our parser rejected it: " + parsed.Errors[0].Message);
                continue;
            }

            var ours = PolicyJson.ToJson(parsed.Value!);
            if (!JsonNode.DeepEquals(ParseDeep(ours), oracleJson))
            {
                failures.Add(text + "\n  ours:   " + ours + "\n  oracle: " + oracleJson.ToJsonString());
            }
        }

        Assert.True(compared > 1000, $"only {compared} policies were compared");
        Assert.True(failures.Count == 0, $"{failures.Count} of {compared} differ:\n" + string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [MemberData(nameof(TrickyPolicies))]
    public void Parsed_hand_written_policies_give_the_oracles_json(string text)
    {
        var isTemplate = text.Contains("?principal", StringComparison.Ordinal) || text.Contains("?resource", StringComparison.Ordinal);
        var oracleJson = CorpusPolicies.OracleJson(text, isTemplate);
        Assert.NotNull(oracleJson);
        var parsed = PolicyParser.ParsePolicy(text);
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        var ours = PolicyJson.ToJson(parsed.Value!);
        Assert.True(JsonNode.DeepEquals(ParseDeep(ours), oracleJson), "ours:   " + ours + "\noracle: " + oracleJson!.ToJsonString());
    }

    [Fact]
    public void Printed_corpus_policies_parse_back_to_the_same_policy()
    {
        var failures = new List<string>();
        var compared = 0;
        foreach (var (text, _) in CorpusPolicies.Policies)
        {
            var parsed = PolicyParser.ParsePolicy(text);
            if (!parsed.Success)
            {
                continue;
            }

            compared++;
            var printed = PolicyPrinter.Print(parsed.Value!);
            var again = PolicyParser.ParsePolicy(printed);
            if (!again.Success)
            {
                failures.Add(printed + "\n  does not parse: " + again.Errors[0].Message);
            }
            else if (PolicyJson.ToJson(again.Value!) != PolicyJson.ToJson(parsed.Value!))
            {
                failures.Add(text + "\n  printed as " + printed + "\n  which parses differently");
            }
        }

        Assert.True(compared > 1000, $"only {compared} policies were compared");
        Assert.True(failures.Count == 0, $"{failures.Count} of {compared} differ:\n" + string.Join("\n", failures.Take(10)));
    }

    private static JsonNode? ParseDeep(string json) =>
        JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 4096 });

    /// <summary>
    /// The oracle hands JSON through JavaScript numbers, so integers beyond 2^53 come back rounded (and may leave the 64-bit
    /// range); such policies cannot be compared through it. <see cref="PolicyJsonTests"/> covers 64-bit literals directly.
    /// </summary>
    private static bool HasRoundedInteger(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(kv => HasRoundedInteger(kv.Value)),
        JsonArray a => a.Any(HasRoundedInteger),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            !v.TryGetValue<long>(out var l) || l > (1L << 53) || l < -(1L << 53),
        _ => false,
    };

    /// <summary>Null when ours matches the oracle both ways; otherwise what differs.</summary>
    private static string? Compare(JsonNode oracleJson, bool isTemplate)
    {
        var json = oracleJson.ToJsonString();
        var parsed = PolicyJson.FromJson(json, "p");
        if (!parsed.Success)
        {
            return "FromJson failed: " + string.Join("; ", parsed.Errors.Select(e => e.Message));
        }

        Assert.Equal(isTemplate, parsed.Value!.IsTemplate);
        var ours = PolicyJson.ToJson(parsed.Value!);
        if (!JsonNode.DeepEquals(ParseDeep(ours), oracleJson))
        {
            return "JSON differs:\n  ours:   " + ours + "\n  oracle: " + json;
        }

        var oracleText = CorpusPolicies.OracleText(oracleJson, isTemplate);
        if (oracleText is null)
        {
            return "oracle rejected its own JSON";
        }

        var printed = PolicyPrinter.Print(parsed.Value!);
        return printed == oracleText ? null : "text differs:\n  ours:   " + printed + "\n  oracle: " + oracleText;
    }
}
