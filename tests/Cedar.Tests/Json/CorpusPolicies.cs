using System.Text.Json;
using System.Text.Json.Nodes;
using Cedar.Tests.Support;

namespace Cedar.Tests.Json;

/// <summary>The distinct policy sets of the public Cedar corpus, and their policies split by the oracle.</summary>
internal static class CorpusPolicies
{
    private static readonly Lazy<IReadOnlyList<string>> s_policySets = new(LoadPolicySets);
    private static readonly Lazy<IReadOnlyList<(string Text, bool IsTemplate)>> s_policies = new(SplitPolicies);

    public static IReadOnlyList<string> PolicySets => s_policySets.Value;

    public static IReadOnlyList<(string Text, bool IsTemplate)> Policies => s_policies.Value;

    private static List<string> LoadPolicySets()
    {
        var root = Path.Combine(RepositoryPaths.CedarCorpus, "data", "public");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            if (doc.RootElement.TryGetProperty("policies", out var p) && p.ValueKind == JsonValueKind.String &&
                seen.Add(p.GetString()!))
            {
                result.Add(p.GetString()!);
            }
        }

        return result;
    }

    private static List<(string, bool)> SplitPolicies()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string, bool)>();
        foreach (var set in PolicySets)
        {
            var parts = CedarOracle.Shared.CallWithText("policySetTextToParts", set);
            if ((string?)parts["type"] != "success")
            {
                continue;
            }

            foreach (var p in parts["policies"]!.AsArray())
            {
                if (seen.Add((string)p!))
                {
                    result.Add(((string)p!, false));
                }
            }

            foreach (var p in parts["policy_templates"]!.AsArray())
            {
                if (seen.Add((string)p!))
                {
                    result.Add(((string)p!, true));
                }
            }
        }

        return result;
    }

    /// <summary>The oracle's JSON for a policy or template, or null when it rejects the text.</summary>
    public static JsonNode? OracleJson(string text, bool isTemplate)
    {
        var answer = CedarOracle.Shared.CallWithText(isTemplate ? "templateToJson" : "policyToJson", text);
        return (string?)answer["type"] == "success" ? answer["json"] : null;
    }

    /// <summary>The oracle's text for a JSON policy or template, or null when it rejects it.</summary>
    public static string? OracleText(JsonNode json, bool isTemplate)
    {
        var answer = CedarOracle.Shared.Call(isTemplate ? "templateToText" : "policyToText", json.ToJsonString());
        return (string?)answer["type"] == "success" ? (string?)answer["text"] : null;
    }
}
