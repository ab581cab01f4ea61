using System.Text.Json;
using Cedar.Parsing;
using Cedar.Schema;
using Cedar.Tests.Support;
using Cedar.Validation;

namespace Cedar.Tests.Validation;

/// <summary>Hand-written policies, valid and not, against cedar-wasm's strict <c>validate</c>: same valid/invalid answer.</summary>
public class ValidatorOracleTests
{
    private const string SchemaText = """
        namespace App {
          type Address = { street: String, zip?: Long };
          entity Group;
          entity User in [Group] = {
            name: String,
            age?: Long,
            address: Address,
            tagsSet: Set<String>,
            ip?: ipaddr,
            manager?: User,
          } tags String;
          entity Doc = { owner: User, level: decimal, created: datetime, ttl: duration, readers: Set<User> };
          entity Kind enum ["a", "b"];
          action view appliesTo { principal: [User], resource: [Doc], context: { mfa: Bool, src?: ipaddr } };
          action edit in [view] appliesTo { principal: [User], resource: [Doc] };
          action admin;
        }
        """;

    public static TheoryData<string> Policies => new()
    {
        "permit(principal, action, resource);",
        "permit(principal == App::User::\"a\", action == App::Action::\"view\", resource);",
        "permit(principal is App::User, action, resource is App::Doc);",
        "permit(principal is App::Nope, action, resource);",
        "permit(principal, action == App::Action::\"nope\", resource);",
        "permit(principal, action == App::Action::\"admin\", resource);",
        "permit(principal in App::Group::\"g\", action in App::Action::\"view\", resource);",
        "permit(principal, action, resource) when { principal.name == \"x\" };",
        "permit(principal, action, resource) when { principal.age > 3 };",
        "permit(principal, action, resource) when { principal has age && principal.age > 3 };",
        "permit(principal, action, resource) when { principal has age || principal.age > 3 };",
        "permit(principal, action, resource) when { if principal has age then principal.age > 3 else false };",
        "permit(principal, action, resource) when { principal.address.zip == 1 };",
        "permit(principal, action, resource) when { principal.address has zip && principal.address.zip == 1 };",
        "permit(principal, action, resource) when { principal has address.zip && principal.address.zip == 1 };",
        "permit(principal, action, resource) when { principal.nope == 1 };",
        "permit(principal, action, resource) when { principal has nope && principal.nope == 1 };",
        "permit(principal, action, resource) when { principal.getTag(\"k\") == \"v\" };",
        "permit(principal, action, resource) when { principal.hasTag(\"k\") && principal.getTag(\"k\") == \"v\" };",
        "permit(principal, action, resource) when { resource.hasTag(\"k\") };",
        "permit(principal, action, resource) when { resource.getTag(\"k\") == \"v\" };",
        "permit(principal, action, resource) when { context.mfa };",
        "permit(principal, action, resource) when { context.src.isLoopback() };",
        "permit(principal, action, resource) when { context has src && context.src.isLoopback() };",
        "permit(principal, action, resource) when { resource.level.lessThan(decimal(\"1.5\")) };",
        "permit(principal, action, resource) when { resource.level.lessThan(decimal(\"nope\")) };",
        "permit(principal, action, resource) when { resource.level < decimal(\"1.5\") };",
        "permit(principal, action, resource) when { resource.created < datetime(\"2024-01-01\") };",
        "permit(principal, action, resource) when { resource.created.offset(resource.ttl) > datetime(\"2024-01-01\") };",
        "permit(principal, action, resource) when { resource.ttl.toHours() > 3 };",
        "permit(principal, action, resource) when { ip(principal.name).isIpv4() };",
        "permit(principal, action, resource) when { principal.tagsSet.contains(\"x\") };",
        "permit(principal, action, resource) when { principal.tagsSet.contains(1) };",
        "permit(principal, action, resource) when { principal.tagsSet.containsAll([\"x\"]) };",
        "permit(principal, action, resource) when { principal.tagsSet.containsAny([]) };",
        "permit(principal, action, resource) when { [] == [] };",
        "permit(principal, action, resource) when { principal in resource.readers };",
        "permit(principal, action, resource) when { principal in resource };",
        "permit(principal, action, resource) when { resource.owner == principal };",
        "permit(principal, action, resource) when { resource.owner == resource };",
        "permit(principal, action, resource) when { principal.name like \"a*\" };",
        "permit(principal, action, resource) when { principal.age like \"a*\" };",
        "permit(principal, action, resource) when { principal is App::User && principal.name == \"x\" };",
        "permit(principal, action, resource) when { resource is App::User && resource.name == \"x\" };",
        "permit(principal, action, resource) when { if true then 1 else \"a\" };",
        "permit(principal, action, resource) when { (if context.mfa then 1 else \"a\") == 1 };",
        "permit(principal, action, resource) when { (if context.mfa then principal else resource) == principal };",
        "permit(principal, action, resource) when { 1 + \"a\" == 2 };",
        "permit(principal, action, resource) when { -principal.age.foo };",
        "permit(principal, action, resource) when { App::Kind::\"a\" == App::Kind::\"a\" };",
        "permit(principal, action, resource) when { App::Kind::\"c\" == App::Kind::\"c\" };",
        "permit(principal, action, resource) when { App::Nope::\"a\" == principal };",
        "permit(principal, action, resource) when { action == App::Action::\"view\" && context.mfa };",
        "permit(principal, action, resource) when { action in App::Action::\"view\" };",
        "permit(principal, action, resource) when { principal.manager.name == \"x\" };",
        "permit(principal, action, resource) when { principal has manager && principal.manager.name == \"x\" };",
        "permit(principal, action, resource) when { {a: 1}.a == 1 };",
        "permit(principal, action, resource) when { {a: 1}.b == 1 };",
        "permit(principal, action, resource) when { {a: 1} has b };",
        "permit(principal, action, resource) when { false && principal.nope };",
        "permit(principal, action, resource) when { true || principal.nope };",
        "permit(principal, action, resource) unless { principal.name };",
        "permit(principal == ?principal, action, resource);",
        "permit(principal in ?principal, action == App::Action::\"view\", resource in ?resource) when { resource.owner.name == \"x\" };",
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void Valid_or_invalid_like_the_oracle(string policyText)
    {
        var schema = CedarSchema.ParseCedar(SchemaText);
        Assert.True(schema.Success);
        var policies = PolicyParser.ParsePolicySet(policyText);
        Assert.True(policies.Success, policies.Errors.Count > 0 ? policies.Errors[0].Message : "");
        var ours = Validator.Validate(policies.Value!, schema.Value!.Resolved);

        var isTemplate = policies.Value!.Any(p => p.IsTemplate);
        var policiesArg = isTemplate
            ? "{\"templates\": {\"t0\": " + JsonSerializer.Serialize(policyText) + "}}"
            : "{\"staticPolicies\": " + JsonSerializer.Serialize(policyText) + "}";
        var arg = "{\"validationSettings\": {\"mode\": \"strict\"}, \"schema\": " + JsonSerializer.Serialize(SchemaText) + ", \"policies\": " + policiesArg + "}";
        var oracle = CedarOracle.Shared.Call("validate", arg);
        Assert.Equal("success", oracle["type"]!.GetValue<string>());
        var oracleErrors = oracle["validationErrors"]!.AsArray().Select(e => e!["error"]!["message"]!.GetValue<string>()).ToList();
        Assert.True(
            oracleErrors.Count == 0 == ours.IsValid,
            "oracle: " + (oracleErrors.Count == 0 ? "valid" : string.Join("; ", oracleErrors)) + "\nours: " +
            (ours.IsValid ? "valid" : string.Join("; ", ours.Errors.Select(e => e.Kind + " " + e.Message))));
    }
}
