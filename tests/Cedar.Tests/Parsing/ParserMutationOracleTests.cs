using System.Text;
using System.Text.Json;
using Cedar.Parsing;
using Cedar.Tests.Support;

namespace Cedar.Tests.Parsing;

/// <summary>
/// Seeded token-level mutations of corpus and hand-written policies (delete, duplicate, swap, insert, replace),
/// each checked against the oracle: same accept/reject, and the same structure when accepted.
/// </summary>
public class ParserMutationOracleTests
{
    private static readonly string[] s_vocabulary =
    [
        "if", "then", "else", "true", "false", "in", "is", "like", "has", "permit", "forbid", "when", "unless",
        "principal", "action", "resource", "context", "__cedar", "Action", "?principal", "?resource", "?other",
        "==", "!=", "<", "<=", ">", ">=", "&&", "||", "+", "-", "*", "/", "!", "=", ".", ",", ";", ":", "::",
        "(", ")", "[", "]", "{", "}", "@a", "@b(\"x\")", "\"s\"", "\"\\q\"", "\"\\u{2A}\"", "\"*\"", "0", "-1",
        "9223372036854775808", "User::\"u\"", "Action::\"a\"", "contains", "isEmpty", "ip", "decimal", "lessThan",
        "getTag", "hasTag", "isInRange", "unknown", "foo",
    ];

    private static readonly string[] s_likeForLike =
    [
        "principal", "action", "resource", "context", "a", "if", "is", "in", "has", "like", "ip", "x",
        "==", "!=", "<", "<=", ">", ">=", "&&", "||", "+", "-", "*", "!",
        "\"\"", "\"*\"", "\"\\*\"", "\"\\u{2A}\"", "\"\\n\"", "\"a b\"", "0", "7", "9223372036854775807", "9223372036854775808",
    ];

    private static readonly string[] s_seeds =
    [
        "permit(principal == User::\"a\", action in [Action::\"x\", Action::\"y\"], resource is Photo in Album::\"b\") when { context.a.b has c.d && context[\"x y\"] like \"a*b\\*\" } unless { principal.getTag(\"t\") < -3 };",
        "@id(\"p\") @flag forbid(principal is User, action == Action::\"del\", resource) when { if resource.owner == principal then false else ip(\"10.0.0.1\").isInRange(ip(\"10.0.0.0/8\")) };",
        "permit(principal in ?principal, action, resource == ?resource) when { [1, 2, {a: -9223372036854775808}].containsAny(context.s) || !(decimal(\"1.5\").lessThan(decimal(\"2.0\"))) };",
        "forbid(principal, action, resource) when { principal has \"x y\" && (resource.n * 2 + 1 - 3) >= 4 && context.d.isEmpty() && duration(\"1h\").toMinutes() != 60 };",
    ];

    public static TheoryData<int> Batches() => [0, 1, 2, 3, 4, 5, 6, 7];

    [Theory]
    [MemberData(nameof(Batches))]
    public void Mutated_policies_are_judged_like_cedar(int batch)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("VERDICT_PARSER_MUTATION_SEED"), out var s) ? s : 1234;
        var rng = new Random(seed + batch);
        var sources = LoadSomeCorpusPolicies(batch).Concat(s_seeds).ToList();
        var disagreements = new List<string>();
        var perBatch = int.TryParse(Environment.GetEnvironmentVariable("VERDICT_PARSER_MUTATIONS"), out var env) ? env : 150;
        var accepted = 0;
        for (var n = 0; n < perBatch; n++)
        {
            var text = Mutate(sources[rng.Next(sources.Count)], rng);
            var answer = CedarOracle.Shared.Call("policySetTextToParts", JsonSerializer.Serialize(text));
            var oracleAccepts = answer["type"]!.GetValue<string>() == "success";
            var ours = PolicyParser.ParsePolicySet(text);
            if (oracleAccepts != ours.Success)
            {
                disagreements.Add($"{text}\n   oracle {(oracleAccepts ? "accepts" : "rejects")}; ours: {(ours.Success ? "accepts" : string.Join(" | ", ours.Errors.Select(e => e.Format(text))))}");
            }
            else if (oracleAccepts)
            {
                OracleStructure.AssertSameStructure(text, answer, ours.Value!);
                accepted++;
            }
        }

        // Mutations should not all be rejections, or the structure comparison would be idle.
        Assert.True(accepted > perBatch / 20, $"only {accepted} of {perBatch} mutations were accepted");

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    private static IEnumerable<string> LoadSomeCorpusPolicies(int batch)
    {
        var root = Path.Combine(RepositoryPaths.CedarCorpus, "data", "public", "corpus");
        return Directory.EnumerateFiles(root, "*.json").Order(StringComparer.Ordinal).Skip(batch * 40).Take(20)
            .Select(f => JsonDocument.Parse(File.ReadAllBytes(f)).RootElement.GetProperty("policies").GetString()!);
    }

    private static string Mutate(string text, Random rng)
    {
        var tokens = Lexer.Tokenize(text).Tokens.Where(t => t.Kind != TokenKind.EndOfInput).ToList();
        var pieces = tokens.Select(t => t.Text).ToList();
        var count = rng.Next(3) == 0 ? 2 : 1;
        for (var m = 0; m < count && pieces.Count > 1; m++)
        {
            var i = rng.Next(pieces.Count);
            switch (rng.Next(7))
            {
                case 0: pieces.RemoveAt(i); break;
                case 1: pieces.Insert(i, pieces[i]); break;
                case 2 when i + 1 < pieces.Count: (pieces[i], pieces[i + 1]) = (pieces[i + 1], pieces[i]); break;
                case 3: pieces.Insert(i, s_vocabulary[rng.Next(s_vocabulary.Length)]); break;
                case 4: pieces[i] = s_vocabulary[rng.Next(s_vocabulary.Length)]; break;
                default:
                    // A like-for-like replacement keeps most mutants parseable, so their structure gets compared too.
                    var kind = tokens[Math.Min(i, tokens.Count - 1)].Kind;
                    var same = s_likeForLike.Where(v => Lexer.Tokenize(v).Tokens[0].Kind == kind).ToList();
                    if (same.Count > 0)
                    {
                        pieces[i] = same[rng.Next(same.Count)];
                    }

                    break;
            }
        }

        var sb = new StringBuilder();
        foreach (var p in pieces)
        {
            sb.Append(p).Append(' ');
        }

        return sb.ToString();
    }
}
