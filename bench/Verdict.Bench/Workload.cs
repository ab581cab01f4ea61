using System.Text.Json;
using Cedar.Ast;
using Cedar.Parsing;

namespace Verdict.Bench;

/// <summary>One request of a workload as JSON text, the way a caller hands it over: uids, context and entity slice.</summary>
internal sealed record WorkloadRequest(EntityUid Principal, EntityUid Action, EntityUid Resource, string ContextJson, string EntitiesJson);

/// <summary>Reads a workload written by bench/authz/make-workloads.mjs (policies.json and requests.json).</summary>
internal static class Workload
{
    public static PolicySet ReadPolicies(string dir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "policies.json")));
        var root = doc.RootElement;
        var policies = new List<Policy>();
        foreach (var group in new[] { "staticPolicies", "templates" })
        {
            foreach (var p in root.GetProperty(group).EnumerateObject())
            {
                policies.Add(Ok(PolicyParser.ParsePolicy(p.Value.GetString()!, p.Name)));
            }
        }

        var links = new List<TemplateLink>();
        foreach (var link in root.GetProperty("templateLinks").EnumerateArray())
        {
            var values = new Dictionary<SlotId, EntityUid>();
            foreach (var slot in link.GetProperty("values").EnumerateObject())
            {
                values[slot.Name == "?principal" ? SlotId.Principal : SlotId.Resource] = Uid(slot.Value);
            }

            links.Add(new TemplateLink(link.GetProperty("newId").GetString()!, link.GetProperty("templateId").GetString()!, values));
        }

        return Ok(PolicySet.Create(policies, links));
    }

    public static List<WorkloadRequest> ReadRequests(string dir, int max)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "requests.json")));
        var list = new List<WorkloadRequest>();
        foreach (var r in doc.RootElement.EnumerateArray())
        {
            if (list.Count == max)
            {
                break;
            }

            list.Add(new WorkloadRequest(
                Uid(r.GetProperty("principal")),
                Uid(r.GetProperty("action")),
                Uid(r.GetProperty("resource")),
                r.GetProperty("context").GetRawText(),
                r.GetProperty("entities").GetRawText()));
        }

        return list;
    }

    private static EntityUid Uid(JsonElement e) =>
        new(Ok(PolicyParser.ParseName(e.GetProperty("type").GetString()!)), e.GetProperty("id").GetString()!);

    private static T Ok<T>(ParseResult<T> result)
        where T : class =>
        result.Success ? result.Value! : throw new InvalidDataException("workload does not parse: " + string.Join("; ", result.Errors.Select(e => e.Message)));
}
