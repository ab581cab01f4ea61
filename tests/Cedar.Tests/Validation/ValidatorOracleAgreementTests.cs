using System.Text.Json;
using System.Text.Json.Nodes;
using Cedar.Parsing;
using Cedar.Schema;
using Cedar.Tests.Support;
using Cedar.Validation;
using static Cedar.Tests.Validation.TestSchema;

namespace Cedar.Tests.Validation;

/// <summary>
/// Hand-written (schema, policy) cases validated by our validator and by cedar-wasm 4.13 in strict mode: the two must
/// agree on which policies have errors and which have warnings.
/// </summary>
public sealed class ValidatorOracleAgreementTests
{
    internal static readonly Dictionary<string, TestSchema> Schemas = new(StringComparer.Ordinal)
    {
        ["photos"] = new TestSchema()
            .Entity("Group")
            .Entity("Album", memberOf: ["Album"])
            .Entity("User", memberOf: ["Group"], attributes: Rec(
                ("name", Str, true),
                ("age", Long, false),
                ("tags", Set(Str), true),
                ("d", Ext("decimal"), true),
                ("t", Ext("datetime"), true),
                ("dur", Ext("duration"), true),
                ("ip", Ext("ipaddr"), true),
                ("rec", Rec(("a", Long, true), ("b", Str, false), ("inner", Rec(("c", Bool, false)), false)), true),
                ("manager", Ref("User"), true),
                ("groups", Set(Ref("Group")), true),
                ("flag", Bool, false)), tags: Str)
            .Entity("Photo", memberOf: ["Album"], attributes: Rec(("owner", Ref("User"), true), ("private", Bool, true), ("size", Long, false)))
            .Enum("Color", "red", "green")
            .Action("view", ["User"], ["Photo"], Rec(("ip", Ext("ipaddr"), true), ("s", Str, true), ("n", Long, false)), memberOf: ["readOnly"])
            .Action("readOnly", null)
            .Action("edit", ["User", "Group"], ["Photo"], memberOf: ["readOnly"])
            .Action("share", ["User"], ["Album"], Rec(("level", Long, true)))
            .Action("nothing", null),
        ["ns"] = new TestSchema()
            .Entity("App::User", attributes: Rec(("dept", Str, true)))
            .Entity("App::Doc", attributes: Rec(("owner", Ref("App::User"), true)), tags: Set(Long))
            .Entity("Global")
            .Action("read", ["App::User"], ["App::Doc"], ns: "App")
            .Action("write", ["App::User"], ["App::Doc", "Global"], ns: "App"),
    };

    public static TheoryData<string, string> Cases => new()
    {
        // Scope: entity types, actions, applicability
        { "photos", "permit(principal, action, resource);" },
        { "photos", "permit(principal == User::\"a\", action == Action::\"view\", resource == Photo::\"p\");" },
        { "photos", "permit(principal in Group::\"g\", action == Action::\"edit\", resource in Album::\"a\");" },
        { "photos", "permit(principal == Nobody::\"a\", action, resource);" },
        { "photos", "permit(principal, action == Action::\"fly\", resource);" },
        { "photos", "permit(principal in Photo::\"x\", action == Action::\"view\", resource);" },
        { "photos", "permit(principal, action == Action::\"view\", resource is Album);" },
        { "photos", "permit(principal is User, action in Action::\"readOnly\", resource is Photo in Album::\"a\");" },
        { "photos", "permit(principal is Nobody, action, resource);" },
        { "photos", "permit(principal, action in [Action::\"view\", Action::\"share\"], resource);" },
        { "photos", "permit(principal, action == Action::\"nothing\", resource);" },
        { "photos", "permit(principal == Group::\"g\", action == Action::\"view\", resource);" },
        { "photos", "permit(principal == Color::\"red\", action, resource);" },
        { "photos", "permit(principal, action, resource) when { Color::\"blue\" == Color::\"red\" };" },
        { "photos", "permit(principal, action, resource) when { principal == Color::\"red\" };" },
        { "photos", "forbid(principal, action, resource) unless { principal == User::\"a\" };" },

        // Boolean typing and short circuits
        { "photos", "permit(principal, action, resource) when { 1 };" },
        { "photos", "permit(principal, action, resource) when { false && 1 };" },
        { "photos", "permit(principal, action, resource) when { true || 1 };" },
        { "photos", "permit(principal, action, resource) when { false || 1 };" },
        { "photos", "permit(principal, action, resource) when { true && 1 };" },
        { "photos", "permit(principal, action, resource) when { false };" },
        { "photos", "permit(principal, action, resource) unless { true };" },
        { "photos", "permit(principal, action, resource) when { !true };" },
        { "photos", "permit(principal, action, resource) when { !1 };" },
        { "photos", "permit(principal, action, resource) when { if true then 1 else \"a\" };" },
        { "photos", "permit(principal, action, resource) when { (if principal.name == \"x\" then 1 else \"a\") == 1 };" },
        { "photos", "permit(principal, action, resource) when { (if principal.name == \"x\" then 1 else 2) == 1 };" },
        { "photos", "permit(principal, action, resource) when { if false then principal.nope else true };" },
        { "photos", "permit(principal, action, resource) when { 1 == \"a\" };" },
        { "photos", "permit(principal, action, resource) when { principal.name == 1 };" },
        { "photos", "permit(principal, action, resource) when { principal.name != \"a\" };" },
        { "photos", "permit(principal, action, resource) when { principal == \"a\" };" },
        { "photos", "permit(principal, action, resource) when { principal == resource };" },

        // Attributes, optional attributes and capabilities
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.age > 3 };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal has age && principal.age > 3 };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal has age || principal.age > 3 };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { if principal has age then principal.age > 3 else false };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { if principal has age then false else principal.age > 3 };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal has age } when { principal.age > 3 };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.nope };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal has nope };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.rec has b && principal.rec.b == \"\" };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.rec has c };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal has rec.b && principal.rec.b == \"\" };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal has rec.inner.c && principal.rec.inner.c };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.rec.inner.c };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.manager.manager.name == \"x\" };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.manager has age && principal.manager.age == 1 };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal has age && principal.manager.age == 1 };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { context.n == 1 };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { context has n && context.n == 1 };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { context.missing };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { context has missing };" },
        { "photos", "permit(principal, action == Action::\"share\", resource) when { context has missing };" },
        { "photos", "permit(principal, action == Action::\"share\", resource) when { context.level > 2 };" },
        { "photos", "permit(principal, action, resource) when { principal.name == \"x\" };" },
        { "photos", "permit(principal, action == Action::\"edit\", resource) when { principal.name == \"x\" };" },
        { "photos", "permit(principal is User, action == Action::\"edit\", resource) when { principal.name == \"x\" };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { {a: 1}.a == 1 };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { {a: 1} has b };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { 1 has a };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { action.foo };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { action has foo };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { resource.owner == principal };" },

        // Records and sets
        { "photos", "permit(principal, action, resource) when { [] == [] };" },
        { "photos", "permit(principal, action, resource) when { [1, 2].contains(3) };" },
        { "photos", "permit(principal, action, resource) when { [1, \"a\"].contains(1) };" },
        { "photos", "permit(principal, action, resource) when { [1] == [1, 2] };" },
        { "photos", "permit(principal, action, resource) when { {a: 1} == {a: 1, b: 2} };" },
        { "photos", "permit(principal, action, resource) when { {a: 1} == {a: true} };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.rec == {a: 1} };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.tags.contains(1) };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.tags.contains(\"a\") };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.tags.containsAll([\"a\"]) };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.tags.containsAny([1]) };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.tags.isEmpty() };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.name.isEmpty() };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.name.contains(\"a\") };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { [principal, resource].isEmpty() };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { [User::\"a\", principal].contains(principal) };" },

        // in, is, like
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal in [User::\"a\", Group::\"b\"] };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal in principal.groups };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal in resource };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { resource in Album::\"a\" };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal in 1 };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { \"a\" in principal };" },
        { "photos", "permit(principal, action, resource) when { action in Action::\"readOnly\" };" },
        { "photos", "permit(principal, action == Action::\"share\", resource) when { action in Action::\"readOnly\" };" },
        { "photos", "permit(principal, action, resource) when { action in [Action::\"view\", Action::\"nope\"] };" },
        { "photos", "permit(principal, action, resource) when { resource in action };" },
        { "photos", "permit(principal, action, resource) when { principal is Group };" },
        { "photos", "permit(principal, action, resource) when { principal is Nobody };" },
        { "photos", "permit(principal, action, resource) when { 1 is User };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { action is Action };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.name like \"a*\" };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal like \"a*\" };" },

        // Arithmetic and comparison
        { "photos", "permit(principal, action, resource) when { 1 + 2 > 2 };" },
        { "photos", "permit(principal, action, resource) when { 1 + \"a\" > 2 };" },
        { "photos", "permit(principal, action, resource) when { -(\"a\") < 1 };" },
        { "photos", "permit(principal, action, resource) when { \"a\" < \"b\" };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.t < datetime(\"2020-01-01\") };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.dur >= duration(\"1h\") };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.d < decimal(\"1.0\") };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.t < principal.dur };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.t < 1 };" },

        // Extension functions
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.d.lessThan(decimal(\"1.0\")) };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.d.lessThan(1) };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { ip(context.s).isIpv4() };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { ip(\"1.2.3\") == context.ip };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { context.ip.isInRange(ip(\"10.0.0.0/8\")) };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { decimal(\"1.23456\") == principal.d };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.t.offset(duration(\"1d\")) > principal.t };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.t.toTime().toHours() > 3 };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { datetime(\"nope\") == principal.t };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.ip.isLoopback(1) };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.t.durationSince(principal.dur) > duration(\"1s\") };" },

        // Tags
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.getTag(\"a\") == \"x\" };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.hasTag(\"a\") && principal.getTag(\"a\") == \"x\" };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.hasTag(\"a\") && principal.getTag(\"b\") == \"x\" };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.hasTag(context.s) && principal.getTag(context.s) == \"x\" };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { resource.hasTag(\"a\") };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { resource.hasTag(\"a\") && resource.getTag(\"a\") == 1 };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.hasTag(1) };" },
        { "photos", "permit(principal, action == Action::\"view\", resource) when { principal.hasTag(\"a\") && principal.getTag(\"a\") == 1 };" },

        // Templates
        { "photos", "permit(principal == ?principal, action == Action::\"view\", resource);" },
        { "photos", "permit(principal in ?principal, action, resource in ?resource) when { principal.name == \"x\" };" },
        { "photos", "permit(principal in ?principal, action == Action::\"view\", resource) when { resource.private };" },
        { "photos", "permit(principal, action, resource == ?resource) when { resource.owner == principal };" },
        { "photos", "permit(principal is User in ?principal, action == Action::\"view\", resource);" },
        { "photos", "permit(principal in ?principal, action == Action::\"view\", resource) when { principal.age > 1 };" },
        { "photos", "permit(principal, action == Action::\"view\", resource in ?resource) when { resource.owner == principal };" },
        { "photos", "permit(principal == ?principal, action, resource == ?resource);" },
        { "photos", "permit(principal is Photo in ?principal, action, resource);" },
        { "photos", "permit(principal in ?principal, action == Action::\"share\", resource in ?resource) when { context.level > 1 };" },

        // Namespaces
        { "ns", "permit(principal, action == App::Action::\"read\", resource) when { principal.dept == \"x\" };" },
        { "ns", "permit(principal, action == Action::\"read\", resource);" },
        { "ns", "permit(principal, action, resource) when { resource.owner == principal };" },
        { "ns", "permit(principal, action == App::Action::\"write\", resource) when { resource.owner == principal };" },
        { "ns", "permit(principal, action, resource is App::Doc) when { resource.hasTag(\"x\") && resource.getTag(\"x\").contains(1) };" },
        { "ns", "permit(principal, action in [App::Action::\"read\", App::Action::\"write\"], resource) when { resource is Global };" },
        { "ns", "permit(principal, action, resource) when { User::\"a\" == principal };" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithCedarWasm(string schemaName, string policyText)
    {
        var schema = Schemas[schemaName];
        var policies = PolicyParser.ParsePolicySet(policyText);
        Assert.True(policies.Success, "policy does not parse: " + string.Join("; ", policies.Errors.Select(e => e.Message)));
        var ours = Validator.Validate(policies.Value!, schema.Build());

        var call = new JsonObject
        {
            ["validationSettings"] = new JsonObject { ["mode"] = "strict" },
            ["schema"] = JsonNode.Parse(schema.ToJson()),
            ["policies"] = policies.Value!.Any(p => p.IsTemplate)
                ? new JsonObject { ["staticPolicies"] = "", ["templates"] = new JsonObject { ["policy0"] = policyText } }
                : new JsonObject { ["staticPolicies"] = policyText },
        };
        var answer = CedarOracle.Shared.Call("validate", call.ToJsonString());
        Assert.True(answer["type"]!.GetValue<string>() == "success", "oracle failed: " + answer.ToJsonString());
        var theirErrors = Messages(answer["validationErrors"]);
        var theirWarnings = Messages(answer["validationWarnings"]);

        var detail = $"\nours: errors [{string.Join(" | ", ours.Errors.Select(e => e.Kind + ": " + e.Message))}] warnings [{string.Join(" | ", ours.Warnings.Select(e => e.Kind))}]" +
                     $"\ncedar: errors [{string.Join(" | ", theirErrors)}] warnings [{string.Join(" | ", theirWarnings)}]";
        Assert.True(ours.Errors.Count > 0 == theirErrors.Count > 0, "valid/invalid differ" + detail);
        Assert.True(ours.Warnings.Count > 0 == theirWarnings.Count > 0, "warnings differ" + detail);
    }

    private static List<string> Messages(JsonNode? list) =>
        list is JsonArray a ? a.Select(e => e!["error"]!["message"]!.GetValue<string>()).ToList() : [];
}
