using System.Text.Json;
using System.Text.Json.Nodes;
using Cedar.Schema;
using Cedar.Tests.Support;

namespace Cedar.Tests.Schema;

/// <summary>Every schema of the public corpus, parsed, resolved and printed in both formats, against cedar-wasm.</summary>
public class SchemaCorpusTests
{
    private static readonly Lazy<IReadOnlyList<string>> s_schemas = new(LoadSchemas);

    internal static IReadOnlyList<string> CorpusSchemas => s_schemas.Value;

    private static List<string> LoadSchemas()
    {
        var root = Path.Combine(RepositoryPaths.CedarCorpus, "data", "public");
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            if (doc.RootElement.TryGetProperty("schemaFormat", out var format) && format.GetString() != "cedar")
            {
                continue;
            }

            if (doc.RootElement.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.String)
            {
                set.Add(schema.GetString()!);
            }
        }

        return [.. set];
    }

    private const int ShardCount = 8;

    public static TheoryData<int> Shards => [.. Enumerable.Range(0, ShardCount)];

    [Fact]
    public void The_corpus_has_its_schemas() => Assert.True(CorpusSchemas.Count > 2000, "corpus schemas found: " + CorpusSchemas.Count);

    /// <summary>The corpus is split in shards so each test stays short; the oracle answers are not cached on disk.</summary>
    [Theory]
    [MemberData(nameof(Shards))]
    public void Corpus_schemas_match_the_oracle_in_both_formats(int shard)
    {
        var schemas = CorpusSchemas.Where((_, i) => i % ShardCount == shard).ToList();
        var failures = new List<string>();
        foreach (var text in schemas)
        {
            var parsed = CedarSchema.ParseCedar(text);
            if (!parsed.Success)
            {
                failures.Add("parse failed: " + parsed.Errors[0].Format(text) + "\n" + text);
                continue;
            }

            var schema = parsed.Value!;
            var oracleJson = CedarOracle.Shared.CallWithText("schemaToJson", text);
            var ourJson = schema.ToJsonText();
            if (!JsonNode.DeepEquals(oracleJson["json"], JsonNode.Parse(ourJson)))
            {
                failures.Add("JSON differs:\n" + text + "\noracle: " + oracleJson["json"]!.ToJsonString() + "\nours: " + JsonNode.Parse(ourJson)!.ToJsonString());
                continue;
            }

            var oracleText = CedarOracle.Shared.CallWithText("schemaToText", text)["text"]!.GetValue<string>();
            var ourText = schema.ToCedarText();
            if (oracleText != ourText)
            {
                failures.Add("text differs:\n" + text + "\noracle:\n" + oracleText + "\nours:\n" + ourText);
                continue;
            }

            // Round trips: text -> JSON -> text and JSON -> text -> JSON are stable.
            var fromJson = CedarSchema.ParseJson(ourJson);
            if (!fromJson.Success || fromJson.Value!.ToCedarText() != ourText)
            {
                failures.Add("JSON -> text round trip: " + (fromJson.Success ? fromJson.Value!.ToCedarText() : fromJson.Errors[0].Message) + "\n" + text);
                continue;
            }

            var again = CedarSchema.ParseCedar(ourText);
            if (!again.Success || !JsonNode.DeepEquals(JsonNode.Parse(again.Value!.ToJsonText()), JsonNode.Parse(ourJson)))
            {
                failures.Add("text -> JSON round trip differs\n" + text);
                continue;
            }

            // The resolved view against cedar-wasm's resolution of every name.
            var oracleResolved = CedarOracle.Shared.CallWithText("schemaToJsonWithResolvedTypes", text);
            var expected = ResolvedSchemaComparer.Describe((JsonObject)oracleResolved["json"]!);
            var actual = ResolvedSchemaComparer.Describe(schema.Resolved);
            if (expected != actual)
            {
                failures.Add("resolved schema differs:\n" + text + "\noracle:\n" + expected + "\nours:\n" + actual);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {schemas.Count} schemas fail; first ones:\n" + string.Join("\n-----\n", failures.Take(5)));
    }
}
