using System.Text.Json;
using Cedar.Parsing;
using Cedar.Schema;
using Cedar.Tests.Support;
using Cedar.Validation;
using Xunit.Abstractions;

namespace Cedar.Tests.Validation;

/// <summary>
/// The corpus's <c>shouldValidate</c> expectations against our strict validator. The tests listed in the
/// known-drift file are expected valid: Cedar 4.13 made their finding (no applicable action) a warning.
/// </summary>
public class ValidatorCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Corpus_validation_expectations_agree()
    {
        var root = Path.Combine(RepositoryPaths.CedarCorpus, "data", "public");
        using var drift = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.CedarCorpus, "known-drift-cedar-wasm-4.13.0.json")));
        var driftNames = drift.RootElement.GetProperty("tests").GetProperty("public").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
        var total = 0;
        var disagreements = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            var t = doc.RootElement;
            if (t.GetProperty("policyFormat").GetString() != "cedar" || t.GetProperty("schemaFormat").GetString() != "cedar")
            {
                continue;
            }

            var name = t.GetProperty("name").GetString()!;
            var expected = t.GetProperty("shouldValidate").GetBoolean() || driftNames.Contains(name);
            var schema = CedarSchema.ParseCedar(t.GetProperty("schema").GetString()!);
            var policies = PolicyParser.ParsePolicySet(t.GetProperty("policies").GetString()!);
            Assert.True(schema.Success, name);
            Assert.True(policies.Success, name);
            total++;
            var result = Validator.Validate(policies.Value!, schema.Value!.Resolved);
            if (result.IsValid != expected)
            {
                disagreements.Add($"{name}: expected {(expected ? "valid" : "invalid")}; ours: " +
                    (result.IsValid ? "valid" : string.Join("; ", result.Errors.Select(e => e.Kind + " " + e.Message))));
            }
        }

        output.WriteLine($"{total - disagreements.Count} of {total} agree");
        foreach (var d in disagreements.Take(60))
        {
            output.WriteLine(d);
        }

        Assert.True(total > 3900, "tests found: " + total);
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements:\n" + string.Join("\n", disagreements.Take(30)));
    }
}
