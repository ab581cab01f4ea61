using System.Text;
using System.Text.Json.Nodes;
using Cedar.Parsing;
using Cedar.Tests.Support;
using Cedar.Validation;
using Xunit.Abstractions;

namespace Cedar.Tests.Validation;

/// <summary>
/// Differential test: seeded random policies over the "photos" test schema, well typed and ill typed, validated by us and
/// by cedar-wasm in strict mode. Each policy must get errors from both or from neither, and warnings likewise.
/// </summary>
public sealed class GeneratedValidationTests(ITestOutputHelper output)
{
    private static readonly string[] s_scopes =
    [
        "permit(principal, action, resource)",
        "permit(principal, action == Action::\"view\", resource)",
        "permit(principal is User, action == Action::\"edit\", resource)",
        "forbid(principal in Group::\"g\", action in Action::\"readOnly\", resource)",
        "permit(principal == User::\"u\", action == Action::\"share\", resource in Album::\"a\")",
        "permit(principal, action in [Action::\"view\", Action::\"edit\"], resource is Photo)",
    ];

    private static readonly string[] s_atoms =
    [
        "principal", "resource", "action", "context", "1", "-3", "\"a\"", "true", "false",
        "User::\"a\"", "Group::\"g\"", "Photo::\"p\"", "Album::\"al\"", "Color::\"red\"", "Color::\"blue\"", "Action::\"view\"", "Action::\"readOnly\"",
        "principal.name", "principal.age", "principal.tags", "principal.rec", "principal.rec.b", "principal.manager", "principal.groups",
        "principal.d", "principal.t", "principal.dur", "principal.ip", "principal.flag", "resource.owner", "resource.private", "resource.size",
        "context.s", "context.n", "context.ip", "context.level", "ip(\"10.0.0.1\")", "decimal(\"1.5\")", "datetime(\"2024-01-01\")", "duration(\"2h\")",
        "[1, 2]", "[\"a\"]", "[User::\"a\"]", "{a: 1}", "{a: 1, b: \"x\"}",
    ];

    [Fact]
    public void GeneratedPoliciesAgreeWithCedarWasm()
    {
        var random = new Random(20261206);
        var texts = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            // Most policies use the "view" scope, where principal, resource and context have the richest types.
            var scope = random.Next(3) == 0 ? s_scopes[random.Next(s_scopes.Length)] : s_scopes[1];
            texts.Add(scope + " when { " + Bool(random, 1 + random.Next(3)) + " };");
        }

        var policyText = string.Join("\n", texts);
        var policies = PolicyParser.ParsePolicySet(policyText);
        Assert.True(policies.Success, string.Join("; ", policies.Errors.Select(e => e.Message)));
        var schema = ValidatorOracleAgreementTests.Schemas["photos"];
        var ours = Validator.Validate(policies.Value!, schema.Build());

        var call = new JsonObject
        {
            ["validationSettings"] = new JsonObject { ["mode"] = "strict" },
            ["schema"] = JsonNode.Parse(schema.ToJson()),
            ["policies"] = new JsonObject { ["staticPolicies"] = policyText },
        };
        var answer = CedarOracle.Shared.Call("validate", call.ToJsonString());
        Assert.Equal("success", answer["type"]!.GetValue<string>());
        var theirErrors = Ids(answer["validationErrors"]);
        var theirWarnings = Ids(answer["validationWarnings"]);
        var ourErrors = ours.Errors.Select(e => e.PolicyId).ToHashSet();
        var ourWarnings = ours.Warnings.Select(e => e.PolicyId).ToHashSet();

        var disagreements = new List<string>();
        for (var i = 0; i < texts.Count; i++)
        {
            var id = "policy" + i;
            if (ourErrors.Contains(id) != theirErrors.Contains(id) || ourWarnings.Contains(id) != theirWarnings.Contains(id))
            {
                var sb = new StringBuilder(texts[i]);
                sb.Append("\n  ours: ").Append(string.Join(" | ", ours.Errors.Concat(ours.Warnings).Where(e => e.PolicyId == id).Select(e => e.Kind + ": " + e.Message)));
                sb.Append("\n  cedar: ").Append(string.Join(" | ", Messages(answer["validationErrors"], id).Concat(Messages(answer["validationWarnings"], id))));
                disagreements.Add(sb.ToString());
            }
        }

        output.WriteLine($"{texts.Count - disagreements.Count}/{texts.Count} generated policies agree; {theirErrors.Count} have errors, {theirWarnings.Count} have warnings");
        foreach (var d in disagreements.Take(20))
        {
            output.WriteLine(d);
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(10)));
    }

    // Mostly well-typed generation (typed operands per operator) with an ill-typed operand now and then.
    private static string Bool(Random r, int depth)
    {
        if (depth == 0)
        {
            return r.Next(8) == 0 ? Any(r, 0) : Pick(r, "true", "false", "resource.private", "principal.name == \"x\"", "context.s like \"a*\"", "principal in Group::\"g\"");
        }

        return r.Next(20) switch
        {
            0 or 1 => Bool(r, depth - 1) + " && " + Bool(r, depth - 1),
            2 => "(" + Bool(r, depth - 1) + " || " + Bool(r, depth - 1) + ")",
            3 => "!(" + Bool(r, depth - 1) + ")",
            4 => Long(r, depth - 1) + " == " + Long(r, depth - 1),
            5 => Ent(r, depth - 1) + " != " + Ent(r, depth - 1),
            6 => Long(r, depth - 1) + Pick(r, " < ", " >= ") + Long(r, depth - 1),
            7 => Ent(r, depth - 1) + " in " + Pick(r, Ent(r, depth - 1), "principal.groups", "[" + Ent(r, depth - 1) + "]"),
            8 => Pick(r, "principal", "resource", "context", "principal.rec", "principal.manager", "resource.owner", "{k: 1}") + " has " + Pick(r, "name", "age", "rec", "b", "n", "owner", "size", "flag", "k"),
            9 => Ent(r, depth - 1) + " is " + Pick(r, "User", "Group", "Photo", "Action", "Nobody"),
            10 => Str(r, depth - 1) + " like \"a*\"",
            11 => Pick(r, "principal.tags", "[1, 2]", "principal.groups", "[User::\"a\"]") + ".contains(" + Pick(r, Str(r, depth - 1), Long(r, depth - 1), Ent(r, depth - 1)) + ")",
            12 => Pick(r, "principal.tags", "[1, 2]", "principal.groups") + "." + Pick(r, "containsAll", "containsAny") + "(" + Pick(r, "principal.tags", "[\"a\", " + Str(r, depth - 1) + "]", "[1]") + ")",
            13 => "(if " + Bool(r, depth - 1) + " then " + Bool(r, depth - 1) + " else " + Bool(r, depth - 1) + ")",
            14 => Pick(r, "principal", "resource", "principal.manager") + ".hasTag(" + Pick(r, "\"t\"", "context.s") + ") && " + Pick(r, "principal", "resource", "principal.manager") + ".getTag(" + Pick(r, "\"t\"", "context.s") + ") == \"v\"",
            15 => Pick(r, "principal has age && principal.age > 1", "context has n && context.n < principal.rec.a", "principal.rec has inner && principal.rec.inner has c && principal.rec.inner.c", "principal has rec.b && principal.rec.b like \"x\"", "principal.age > 1", "context.n == 2", "principal.rec.inner.c"),
            16 => Pick(r, "principal.ip.isIpv4()", "context.ip.isInRange(ip(\"10.0.0.0/8\"))", "principal.d.lessThan(decimal(\"2.0\"))", "principal.t < datetime(\"2024-01-01\")", "principal.dur > duration(\"1h\")", "principal.t.toTime() == principal.dur", "principal.tags.isEmpty()"),
            17 => Any(r, depth - 1) + Pick(r, " == ", " < ", " in ") + Any(r, depth - 1),
            _ => Str(r, depth - 1) + " == " + Str(r, depth - 1),
        };
    }

    private static string Long(Random r, int depth) => depth == 0 || r.Next(3) == 0
        ? (r.Next(10) == 0 ? Any(r, 0) : Pick(r, "1", "-3", "context.level", "principal.rec.a", "resource.size", "principal.dur.toHours()"))
        : "(" + Long(r, depth - 1) + Pick(r, " + ", " - ", " * ") + Long(r, depth - 1) + ")";

    private static string Str(Random r, int depth) => depth == 0 || r.Next(3) == 0
        ? (r.Next(10) == 0 ? Any(r, 0) : Pick(r, "\"a\"", "principal.name", "context.s", "resource.owner.name", "principal.rec.b"))
        : "(if " + Bool(r, depth - 1) + " then " + Str(r, depth - 1) + " else " + Str(r, depth - 1) + ")";

    private static string Ent(Random r, int depth) => depth == 0 || r.Next(3) == 0
        ? (r.Next(10) == 0 ? Any(r, 0) : Pick(r, "principal", "resource", "action", "User::\"a\"", "Group::\"g\"", "Photo::\"p\"", "Album::\"al\"", "Color::\"red\"", "Action::\"view\"", "resource.owner", "principal.manager"))
        : "(if " + Bool(r, depth - 1) + " then " + Ent(r, depth - 1) + " else " + Ent(r, depth - 1) + ")";

    private static string Any(Random r, int depth)
    {
        if (depth == 0 || r.Next(3) == 0)
        {
            return s_atoms[r.Next(s_atoms.Length)];
        }

        return r.Next(6) switch
        {
            0 => "(" + Bool(r, depth - 1) + ")",
            1 => "(" + Any(r, depth - 1) + " + " + Any(r, depth - 1) + ")",
            2 => "[" + Any(r, depth - 1) + ", " + Any(r, depth - 1) + "]",
            3 => "{k: " + Any(r, depth - 1) + "}",
            4 => "(if " + Bool(r, depth - 1) + " then " + Any(r, depth - 1) + " else " + Any(r, depth - 1) + ")",
            _ => Any(r, depth - 1) + "." + Pick(r, "name", "age", "k", "owner", "manager", "a"),
        };
    }

    private static string Pick(Random r, params string[] options) => options[r.Next(options.Length)];

    private static HashSet<string> Ids(JsonNode? list) =>
        list is JsonArray a ? a.Select(e => e!["policyId"]!.GetValue<string>()).ToHashSet() : [];

    private static IEnumerable<string> Messages(JsonNode? list, string id) =>
        list is JsonArray a ? a.Where(e => e!["policyId"]!.GetValue<string>() == id).Select(e => e!["error"]!["message"]!.GetValue<string>()) : [];
}
