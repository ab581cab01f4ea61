using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Cedar.Ast;
using Cedar.Parsing;
using Cedar.Tests.Support;

namespace Cedar.Tests.Parsing;

public class ParserSpanAndScaleTests
{
    [Fact]
    public void Every_node_of_every_corpus_policy_has_a_span_inside_its_policy()
    {
        var root = Path.Combine(RepositoryPaths.CedarCorpus, "data", "public");
        var checkedNodes = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(1000))
        {
            var text = JsonDocument.Parse(File.ReadAllBytes(file)).RootElement.GetProperty("policies").GetString()!;
            foreach (var policy in PolicyParser.ParsePolicySet(text).Value!)
            {
                var outer = policy.Span;
                Assert.Equal(';', text[outer.End - 1]);
                foreach (var span in new[] { policy.Principal.Span, policy.Action.Span, policy.Resource.Span }
                    .Concat(policy.Annotations.Select(a => a.Span)).Concat(policy.Conditions.Select(c => c.Span)))
                {
                    AssertInside(outer, span, file);
                }

                foreach (var condition in policy.Conditions)
                {
                    var stack = new Stack<Expr>([condition.Body]);
                    while (stack.Count > 0)
                    {
                        var e = stack.Pop();
                        AssertInside(condition.Span, e.Span, file);
                        checkedNodes++;
                        foreach (var child in Children(e))
                        {
                            AssertInside(e.Span, child.Span, file);
                            stack.Push(child);
                        }
                    }
                }
            }
        }

        Assert.True(checkedNodes > 5_000, "checked " + checkedNodes);
    }

    [Fact]
    public void Large_inputs_parse_in_linear_time()
    {
        var one = "@id(\"x\") permit(principal == User::\"a\", action in [Action::\"r\", Action::\"w\"], resource) when { context.a.b has c && [1, 2, 3].contains(context.n + 1) || resource.name like \"*.txt\" } unless { principal.age < 18 };\n";
        var small = new StringBuilder().Insert(0, one, 2_000).ToString();
        var big = new StringBuilder().Insert(0, one, 20_000).ToString();
        PolicyParser.ParsePolicySet(small);
        var t1 = Stopwatch.StartNew();
        var r1 = PolicyParser.ParsePolicySet(small);
        t1.Stop();
        var t2 = Stopwatch.StartNew();
        var r2 = PolicyParser.ParsePolicySet(big);
        t2.Stop();
        Assert.Equal(2_000, r1.Value!.Count);
        Assert.Equal(20_000, r2.Value!.Count);
        Assert.Equal("policy19999", r2.Value[^1].Id);

        // Ten times the input must not take much more than ten times as long (a generous bound: the test machine is shared and loaded).
        Assert.True(t2.Elapsed < TimeSpan.FromSeconds(5) + (t1.Elapsed * 40), $"{t1.Elapsed} vs {t2.Elapsed}");
    }

    [Fact]
    public void Many_broken_policies_report_one_error_each()
    {
        var text = new StringBuilder().Insert(0, "permit(principal, action, resource) when { 1 + };\n", 5_000).ToString();
        var result = PolicyParser.ParsePolicySet(text);
        Assert.Equal(5_000, result.Errors.Count);
        var lineStarts = result.Errors.Select(e => text.LastIndexOf('\n', Math.Max(0, e.Span.Start - 1))).ToList();
        Assert.Equal(5_000, lineStarts.Distinct().Count());
    }

    private static void AssertInside(SourceSpan outer, SourceSpan inner, string file)
    {
        Assert.True(inner.Length > 0 && inner.Start >= outer.Start && inner.End <= outer.End, $"{file}: {inner} not inside {outer}");
    }

    private static IEnumerable<Expr> Children(Expr e) => e switch
    {
        IfExpr i => [i.Condition, i.Then, i.Else],
        AndExpr a => [a.Left, a.Right],
        OrExpr o => [o.Left, o.Right],
        UnaryExpr u => [u.Operand],
        BinaryExpr b => [b.Left, b.Right],
        ExtensionCallExpr x => x.Arguments,
        GetAttrExpr g => [g.Target],
        HasAttrExpr h => [h.Target],
        LikeExpr l => [l.Target],
        IsExpr i => i.InEntity is null ? [i.Target] : [i.Target, i.InEntity],
        SetExpr s => s.Elements,
        RecordExpr r => r.Attributes.Select(a => a.Value),
        _ => [],
    };
}
