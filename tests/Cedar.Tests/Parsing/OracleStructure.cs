using System.Text.Json;
using System.Text.Json.Nodes;
using Cedar.Ast;
using Cedar.Tests.Support;

namespace Cedar.Tests.Parsing;

/// <summary>Compares our parse of an accepted policy set with the oracle's, policy by policy, through <see cref="AstCanonicalForm"/>.</summary>
internal static class OracleStructure
{
    /// <param name="parts">The oracle's <c>policySetTextToParts</c> answer for <paramref name="text"/>.</param>
    public static void AssertSameStructure(string text, JsonNode parts, IReadOnlyList<Policy> ours)
    {
        // policySetTextToParts splits statics from templates; our list is in source order, so split it the same way.
        var statics = parts["policies"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        var templates = parts["policy_templates"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        var ourStatics = ours.Where(p => !p.IsTemplate).ToList();
        var ourTemplates = ours.Where(p => p.IsTemplate).ToList();
        Assert.True(statics.Count == ourStatics.Count && templates.Count == ourTemplates.Count, $"policy counts differ for {text}");
        for (var i = 0; i < ours.Count; i++)
        {
            Assert.Equal("policy" + i, ours[i].Id);
        }

        Compare(statics, ourStatics, "policyToJson");
        Compare(templates, ourTemplates, "templateToJson");
    }

    private static void Compare(List<string> texts, List<Policy> ours, string function)
    {
        for (var k = 0; k < texts.Count; k++)
        {
            var est = CedarOracle.Shared.Call(function, JsonSerializer.Serialize(texts[k]));
            Assert.True(est["type"]!.GetValue<string>() == "success", est.ToJsonString());
            Assert.Equal(AstCanonicalForm.OfEst(est["json"]!), AstCanonicalForm.Of(ours[k]));
        }
    }
}
