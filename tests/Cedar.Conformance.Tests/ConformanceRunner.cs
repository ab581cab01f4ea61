using Cedar.Ast;
using Cedar.Authorization;
using Cedar.Json;
using Cedar.Parsing;
using Cedar.Schema;

namespace Cedar.Conformance.Tests;

/// <summary>
/// Runs one inlined Cedar integration test (format v1 of the shared corpus, see its FORMAT.md section 4) through Verdict:
/// schema, policies, entities (schema-based), then every request (schema-based context, request validation,
/// authorization), comparing decision, reason set and error set. Strict validation is not checked here.
/// </summary>
internal static class ConformanceRunner
{
    public static TestOutcome Run(string path)
    {
        var text = File.ReadAllText(path);
        var outcome = new TestOutcome(path);
        if (!SpannedJsonParser.TryParse(text, out var root, out var jsonError, out _))
        {
            return outcome.Fail("test file is not JSON: " + jsonError);
        }

        outcome.Name = root!.Get("name")?.Text ?? path;
        var requests = root.Get("requests")?.Items ?? [];
        outcome.Requests = requests.Count;

        var schemaResult = CedarSchema.ParseCedar(root.Get("schema")!.Text!);
        if (!schemaResult.Success)
        {
            return outcome.Fail("schema: " + First(schemaResult.Errors));
        }

        var schema = schemaResult.Value!.Resolved;
        var parsedPolicies = PolicyParser.ParsePolicySet(root.Get("policies")!.Text!);
        if (!parsedPolicies.Success)
        {
            return outcome.Fail("policies: " + First(parsedPolicies.Errors));
        }

        var set = PolicySet.Create(parsedPolicies.Value!);
        if (!set.Success)
        {
            return outcome.Fail("policy set: " + First(set.Errors));
        }

        var policies = CompiledPolicySet.Compile(set.Value!);
        var entities = EntityJson.ParseEntities(root.Get("entities")!, schema);
        if (!entities.Success)
        {
            return outcome.Fail("entities: " + First(entities.Errors));
        }

        foreach (var r in requests)
        {
            var label = r.Get("description")?.Text ?? "?";
            var e1 = "";
            var e2 = "";
            var e3 = "";
            if (!EntityJson.TryParseEntityUid(r.Get("principal")!, out var principal, out e1) ||
                !EntityJson.TryParseEntityUid(r.Get("action")!, out var action, out e2) ||
                !EntityJson.TryParseEntityUid(r.Get("resource")!, out var resource, out e3))
            {
                outcome.RequestFail(label, "request uid: " + e1 + e2 + e3);
                continue;
            }

            var context = EntityJson.ParseContext(r.Get("context")!, schema, action);
            if (!context.Success)
            {
                outcome.RequestFail(label, "context: " + First(context.Errors));
                continue;
            }

            var request = new Request(principal, action, resource, context.Value);
            if (r.Get("validateRequest") is not { Kind: SpannedJsonKind.Bool, BoolValue: false })
            {
                var problems = RequestValidator.Validate(request, schema);
                if (problems.Count > 0)
                {
                    outcome.RequestFail(label, "request validation: " + problems[0]);
                    continue;
                }
            }

            var response = Authorizer.IsAuthorized(request, policies, entities.Value!);
            var expectedDecision = r.Get("decision")!.Text!;
            var expectedReason = r.Get("reason")!.Items.Select(i => i.Text!).ToHashSet(StringComparer.Ordinal);
            var expectedErrors = r.Get("errors")!.Items.Select(i => i.Text!).ToHashSet(StringComparer.Ordinal);
            var actualDecision = response.Decision == Decision.Allow ? "allow" : "deny";
            var actualErrors = response.Errors.Select(e => e.PolicyId).ToHashSet(StringComparer.Ordinal);
            if (actualDecision != expectedDecision || !expectedReason.SetEquals(response.DeterminingPolicies) || !expectedErrors.SetEquals(actualErrors))
            {
                outcome.RequestFail(
                    label,
                    $"expected {expectedDecision} [{string.Join(",", expectedReason)}] errors [{string.Join(",", expectedErrors)}]; " +
                    $"got {actualDecision} [{string.Join(",", response.DeterminingPolicies)}] errors [{string.Join("; ", response.Errors.Select(e => e.PolicyId + ": " + e.Message))}]");
                continue;
            }

            outcome.PassedRequests++;
        }

        return outcome;
    }

    private static string First(IReadOnlyList<ParseError> errors) => errors.Count == 0 ? "?" : errors[0].Message;
}

/// <summary>The result of one test file: how many of its requests passed, and what went wrong.</summary>
internal sealed class TestOutcome(string path)
{
    public string Name { get; set; } = path;

    public int Requests { get; set; }

    public int PassedRequests { get; set; }

    public List<string> Problems { get; } = [];

    public bool Passed => Problems.Count == 0 && PassedRequests == Requests;

    public TestOutcome Fail(string message)
    {
        Problems.Add(Name + ": " + message);
        return this;
    }

    public void RequestFail(string request, string message) => Problems.Add(Name + " / " + request + ": " + message);
}
