using System.Text;
using System.Text.Json;
using Cedar.Parsing;
using Cedar.Schema;
using Cedar.Tests.Support;
using Cedar.Validation;
using Xunit.Abstractions;

namespace Cedar.Tests.Validation;

/// <summary>
/// Strict validation of every public corpus test against its expectation (<c>shouldValidate</c>). The 20 tests listed in
/// known-drift-cedar-wasm-4.13.0.json carry Cedar 4.10's answer, where an inapplicable action scope was an error; 4.13
/// makes it a warning, so for those we expect valid, and the corpus answer when that finding is treated as an error.
/// </summary>
public sealed class CorpusValidationTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryPublicCorpusTestValidatesAsExpected()
    {
        var root = Path.Combine(RepositoryPaths.CedarCorpus, "data", "public");
        Assert.True(Directory.Exists(root), "corpus not found at " + root);
        var drift = LoadDrift();
        var files = Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var agree = 0;
        var driftChecked = 0;
        var disagreements = new List<string>();
        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var test = doc.RootElement;
            var name = test.GetProperty("name").GetString()!;
            var expected = test.GetProperty("shouldValidate").GetBoolean();
            var schema = CedarSchema.ParseCedar(test.GetProperty("schema").GetString()!);
            var policies = PolicyParser.ParsePolicySet(test.GetProperty("policies").GetString()!);
            if (schema.Value is null || policies.Value is null)
            {
                disagreements.Add($"{name}: schema or policies failed to parse: {string.Join("; ", schema.Errors.Concat(policies.Errors).Select(e => e.Message))}");
                continue;
            }

            var result = Validator.Validate(policies.Value, schema.Value.Resolved);
            var isDrift = drift.Contains(name);
            var expected413 = isDrift || expected;
            if (result.IsValid != expected413)
            {
                disagreements.Add($"{name}: expected {(expected413 ? "valid" : "invalid")}, got {Describe(result)}");
                continue;
            }

            if (isDrift)
            {
                driftChecked++;
                var older = Validator.Validate(policies.Value, schema.Value.Resolved, new ValidationOptions(InvalidActionApplicationIsError: true));
                if (older.IsValid != expected)
                {
                    disagreements.Add($"{name}: with InvalidActionApplicationIsError expected {(expected ? "valid" : "invalid")}, got {Describe(older)}");
                    continue;
                }
            }

            agree++;
        }

        output.WriteLine($"corpus validation: {agree}/{files.Count} agree ({driftChecked} known-drift tests checked both ways), {disagreements.Count} disagree");
        foreach (var d in disagreements.Take(30))
        {
            output.WriteLine(d);
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {files.Count} disagree; first: {string.Join(Environment.NewLine, disagreements.Take(30))}");
    }

    private static string Describe(ValidationResult result)
    {
        var sb = new StringBuilder(result.IsValid ? "valid" : "invalid");
        foreach (var e in result.Errors.Take(3))
        {
            sb.Append(" | ").Append(e.Kind).Append(": ").Append(e.Message);
        }

        return sb.ToString();
    }

    private static HashSet<string> LoadDrift()
    {
        var path = Path.Combine(RepositoryPaths.CedarCorpus, "known-drift-cedar-wasm-4.13.0.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("tests").GetProperty("public").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
    }
}
