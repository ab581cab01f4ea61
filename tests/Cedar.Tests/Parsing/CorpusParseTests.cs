using System.Text.Json;
using System.Text.Json.Nodes;
using Cedar.Parsing;
using Cedar.Tests.Support;

namespace Cedar.Tests.Parsing;

/// <summary>Every policy set of the public Cedar corpus parses, and its structure matches the oracle's JSON form.</summary>
public class CorpusParseTests
{
    private static List<(string Name, string Policies)> LoadCorpus()
    {
        var root = Path.Combine(RepositoryPaths.CedarCorpus, "data", "public");
        var result = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            result.Add((Path.GetRelativePath(root, file), doc.RootElement.GetProperty("policies").GetString()!));
        }

        return result;
    }

    [Fact]
    public void Every_public_corpus_policy_set_parses()
    {
        var corpus = LoadCorpus();
        Assert.Equal(3983, corpus.Count);
        var failures = new List<string>();
        foreach (var (name, text) in corpus)
        {
            var result = PolicyParser.ParsePolicySet(text);
            if (!result.Success)
            {
                failures.Add(name + ": " + string.Join(" | ", result.Errors.Select(e => e.Format(text))));
            }
            else if (result.Value!.Count == 0)
            {
                failures.Add(name + ": no policies");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failed:\n" + string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void Corpus_policy_structure_matches_the_oracle()
    {
        // Every 4th file keeps the test well under 30 s; the ids and the structure of each policy are compared.
        var corpus = LoadCorpus();
        var mismatches = new List<string>();
        var compared = 0;
        for (var i = 0; i < corpus.Count; i += 4)
        {
            var (name, text) = corpus[i];
            var ours = PolicyParser.ParsePolicySet(text);
            Assert.True(ours.Success, name);
            var parts = CedarOracle.Shared.Call("policySetTextToParts", JsonSerializer.Serialize(text));
            var policyTexts = parts["policies"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
            if (policyTexts.Count != ours.Value!.Count)
            {
                mismatches.Add($"{name}: oracle has {policyTexts.Count} policies, we have {ours.Value.Count}");
                continue;
            }

            for (var k = 0; k < policyTexts.Count; k++)
            {
                var est = CedarOracle.Shared.Call("policyToJson", JsonSerializer.Serialize(policyTexts[k]));
                var expected = AstCanonicalForm.OfEst(est["json"]!);
                var actual = AstCanonicalForm.Of(ours.Value[k]);
                Assert.Equal("policy" + k, ours.Value[k].Id);
                compared++;
                if (expected != actual)
                {
                    mismatches.Add($"{name} #{k}:\n  oracle {expected}\n  ours   {actual}");
                }
            }
        }

        Assert.True(compared > 900, "compared " + compared);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatches:\n" + string.Join("\n", mismatches.Take(10)));
    }
}
