using Cedar.Ast;
using Cedar.Authorization;
using Cedar.Differential.Tests.Generation;
using Cedar.Json;
using Cedar.Parsing;

namespace Cedar.Differential.Tests;

/// <summary>Runs a generated scenario through Verdict's engine, the way the service does: parse once, compile once, authorize many.</summary>
public static class EngineRunner
{
    public static IReadOnlyList<Outcome> AuthorizeAll(Scenario s)
    {
        var load = Load(s, out var compiled, out var entities);
        if (load is not null)
        {
            return s.Requests.Select(_ => Outcome.Failure(load)).ToList();
        }

        return s.Requests.Select(r => Authorize(r, compiled!, entities!)).ToList();
    }

    private static string? Load(Scenario s, out CompiledPolicySet? compiled, out Entities.EntityStore? entities)
    {
        compiled = null;
        entities = null;
        var policies = PolicyParser.ParsePolicySet(s.StaticPolicies);
        if (!policies.Success)
        {
            return "policies: " + string.Join("; ", policies.Errors.Select(e => e.Format(s.StaticPolicies)));
        }

        var all = new List<Policy>(policies.Value!);
        foreach (var t in s.Templates)
        {
            var template = PolicyParser.ParsePolicy(t.Text, t.Id);
            if (!template.Success)
            {
                return "template: " + string.Join("; ", template.Errors.Select(e => e.Format(t.Text)));
            }

            all.Add(template.Value!);
        }

        var links = new List<TemplateLink>();
        foreach (var l in s.Links)
        {
            var values = new Dictionary<SlotId, EntityUid>();
            if (l.PrincipalUidJson is not null)
            {
                values[SlotId.Principal] = ParseUid(l.PrincipalUidJson);
            }

            if (l.ResourceUidJson is not null)
            {
                values[SlotId.Resource] = ParseUid(l.ResourceUidJson);
            }

            links.Add(new TemplateLink(l.NewId, l.TemplateId, values));
        }

        var set = PolicySet.Create(all, links);
        if (!set.Success)
        {
            return "policy set: " + string.Join("; ", set.Errors.Select(e => e.Message));
        }

        var store = EntityJson.ParseEntities(s.EntitiesJson);
        if (!store.Success)
        {
            return "entities: " + string.Join("; ", store.Errors.Select(e => e.Message));
        }

        compiled = CompiledPolicySet.Compile(set.Value!);
        entities = store.Value!;
        return null;
    }

    private static Outcome Authorize(GeneratedRequest r, CompiledPolicySet policies, Entities.EntityStore entities)
    {
        var context = EntityJson.ParseContext(r.ContextJson);
        if (!context.Success)
        {
            return Outcome.Failure("context: " + string.Join("; ", context.Errors.Select(e => e.Message)));
        }

        var request = new Request(ParseUid(r.PrincipalJson), ParseUid(r.ActionJson), ParseUid(r.ResourceJson), context.Value);
        var response = Authorizer.IsAuthorized(request, policies, entities);
        return new Outcome(
            true,
            response.Decision == Decision.Allow ? "ALLOW" : "DENY",
            new SortedSet<string>(response.DeterminingPolicies, StringComparer.Ordinal),
            new SortedSet<string>(response.Errors.Select(e => e.PolicyId), StringComparer.Ordinal),
            string.Join("; ", response.Errors.Select(e => e.PolicyId + ": " + e.Message)));
    }

    private static EntityUid ParseUid(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return new EntityUid(doc.RootElement.GetProperty("type").GetString()!, doc.RootElement.GetProperty("id").GetString()!);
    }
}
