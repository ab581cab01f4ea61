using System.Text.Json;
using System.Text.Json.Nodes;
using Cedar.Formatting;
using Cedar.Tests.Json;
using Cedar.Tests.Support;

namespace Cedar.Tests.Formatting;

/// <summary>Our formatter against cedar-wasm's formatPolicies.</summary>
public class PolicyFormatterOracleTests
{
    public static TheoryData<string> HandWritten =>
    [
        "permit(principal,action,resource);",
        "// leading comment\n@id(\"a\")   @foo\npermit(principal==User::\"alice\",action in [Action::\"a\",Action::\"b\"],resource) // trailing\nwhen { context.a && context.b || context.verylongattributename1 && context.verylongattributename2 && context.verylongattributename3 }\nunless { [1,2,3].contains(4) && {a:1,b:\"x\"} has a && (if true then 1 else 2) == 3 };\nforbid(principal,action,resource);\n// c2\n\npermit(principal is User in Group::\"g\", action, resource == ?resource) when { ip(\"1.2.3.4\").isInRange(ip(\"1.0.0.0/8\")) && -(-1) == - 1 && principal.name like \"a*\\*\" && (1 + 2) * 3 == 9 };\n",
        "permit(principal, // in scope\n action, resource) when { \n  // inside\n  context.x // after x\n  &&\n  context.y };",
        "permit(principal, action, resource) when { {a:1,\"b\":2} == {} && [] == [] && principal[\"x\"].y == 1 && !  !true && 1+2*3-4 == 0 };",
        "permit(principal, action, resource) when { [1111111111111111, 2222222222222222222, 3333333333333333333, 44444444444444444, 55555555555555] == [] };",
        "permit(principal, action, resource) when { context.aaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.cccccccccccccccccccccccc.contains(1) };",
        "permit(principal, action, resource) when { {aaaaaaaaaaaaaaa: {b:1, c:[1,2]}, bbbbbbbbbbbbbbbbbbbbbbbbbbb: 2, ccccccccccccccccccccccccccc: 3, ddddddddd: 4} has a };",
        "permit(principal, action, resource) when { {\"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee\": 1, bbbbbbbbbbbbbbbbbbbbbbbbb: 2} has a };",
        "permit(principal, action, resource) when { if context.aaaaaaaaaaaaaaaaaaaa then context.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb else context.cccccccccccccccccccccccc };",
        "@id(\"x\") // after annotation\n@other(\"y\")\n// before effect\nforbid // after effect\n( // after paren\n principal // p\n , action, resource\n) // after close\nwhen // after when\n{ // after brace\n true // after true\n} // after close brace\n; // after semicolon\n// at the end\n// and more\n",
        "permit(principal, action == Action::\"view\", resource in Folder::\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\") when { principal has email && principal.email like \"*@example.com\" };",
        "permit(principal is User, action, resource is Photo) unless { resource.private } when { principal.age >= 18 && principal.age < 65 };",
        "permit(principal, action, resource) when { 007 == 7 && \"é\\u{1F600}\" != \"\\n\" && User::\"a\\\"b\" in [Group::\"g\"] && A::B::C::\"x\" == principal };",
        "permit(principal, action, resource) when { ((((1)))) == (((2))) && -(-(-(1))) < 0 && !(!(context.a)) };",
        "permit(principal, action, resource) when { context.tags.hasTag(\"aaaaaaaaaaaaaaaaaaaaaaaaa\") && context.tags.getTag(\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\") == \"c\" };",
        "permit(principal, action, resource) when { decimal(\"1.23\").lessThan(decimal(\"4.56\")) && datetime(\"2024-01-01\").offset(duration(\"1h\")) > datetime(\"2023-01-01\") };",
        "permit(principal, action, resource) when { principal is User in Group::\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" && resource is Photo };",
        "permit(principal, action, resource) when { context has a.b.c && context has \"a b\" && context[\"a b\"][\"c\"] == 1 };",
        "permit(principal, action, resource) when { true } unless { false } when { 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + 19 + 20 + 21 + 22 > 0 };",
        "permit(principal, action, resource) when { [1, // one\n 2, // two\n 3] == [] && {a: 1, // a\n b: 2} == {} };",
        "@a @b(\"\") @c(\"\\\"\") permit(principal, action, resource);\n\n\n\nforbid(principal, action, resource)\n\n\nwhen {\n\n true\n\n};",
        "permit(principal, action, resource) when { \"日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語\" == \"日本語日本語日本語日本語\" };",
        "permit(principal, action, resource) when { \"éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé\" == \"a\" };",
        "// only a comment before\npermit(principal, action, resource);\n// between\n// policies\nforbid(principal, action, resource);",
        "@id(\"a\") // c1\n// c2\n@b // c3\npermit(principal, action, resource);",
        "permit(principal is User // c\n in Group::\"g\", action, resource);",
        "permit(principal == // c\n User::\"a\", action, resource);",
        "permit(principal, action in // c\n [Action::\"a\", // c2\n Action::\"b\"], resource);",
        "permit(principal, action, resource) when { ! // c\n ! true };",
        "permit(principal, action, resource) when { if // c\n true then // d\n 1 else // e\n 2 };",
        "permit(principal, action, resource) when { {a // c\n : 1} has a };",
        "permit(principal, action, resource) when { context has // c\n a && context like // d\n \"x\" };",
        "permit(principal, action, resource) when { A:: // c\n B::\"x\" == principal };",
        "permit(principal, action, resource) when { - - - - 1 == 1 };",
        "permit(principal, action, resource) when { context.a is // c\n User in // d\n Group::\"g\" };",
        "permit(principal, action, resource) when { (1 // c\n ) == 1 };",
        "permit(principal, action, resource) when { context.x // c\n && context.y } unless { context.x.y // c\n && [context.x // d\n , 1] == [] };",
        "permit(principal, action, resource) when { context.x. // c\n y && context.x.contains(1 // c\n ) && User::\"a\" // c\n in context.x };",
        "permit(principal, action, resource) when { \"a\\nb\" == \"\n\n  x  \n\n\" }; // string with raw newlines",
        "permit(principal, action, resource);\r\n// foo\r\n\r\n",
        "permit(principal,\r\n action, // c\r\n resource) when {\r\n true // t\r\n && false\r\n};\r\n",
        "\n\n   // first\n\n\npermit(principal, action, resource);   \n//foo   \n \n//bar   \n\n\n",
        "permit(principal, action, resource) when { \"a\\\"b\" like \"*\\**\" && \"x\\u{1F600}\" == \"😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀\" };",
    ];

    public static TheoryData<int, int> Widths => new() { { 40, 2 }, { 60, 4 }, { 120, 2 }, { 20, 3 } };

    [Theory]
    [MemberData(nameof(Widths))]
    public void Line_and_indent_widths_are_honoured_like_the_oracle(int lineWidth, int indentWidth)
    {
        foreach (var text in ((IEnumerable<object[]>)HandWritten).Select(row => (string)row[0]))
        {
            var answer = CedarOracle.Shared.Call("formatPolicies", JsonSerializer.Serialize(new JsonObject
            {
                ["policyText"] = text,
                ["lineWidth"] = lineWidth,
                ["indentWidth"] = indentWidth,
            }));
            Assert.Equal("success", (string?)answer["type"]);
            var ours = PolicyFormatter.Format(text, lineWidth, indentWidth);
            Assert.True(ours.Success);
            Assert.Equal((string?)answer["formatted_policy"], ours.Value);
        }
    }

    [Theory]
    [InlineData("permit(principal, action, resource) when { - - - - - 1 == 1 };")]
    [InlineData("permit(principal /* x */, action, resource);")]
    [InlineData("permit(principal, action, resource) when { 1 + };")]
    public void Text_the_oracle_cannot_format_is_rejected(string text)
    {
        Assert.Null(OracleFormat(text));
        Assert.False(PolicyFormatter.Format(text).Success);
    }

    [Theory]
    [MemberData(nameof(HandWritten))]
    public void Hand_written_policy_sets_format_like_the_oracle(string text)
    {
        var expected = OracleFormat(text);
        Assert.NotNull(expected);
        var ours = PolicyFormatter.Format(text);
        Assert.True(ours.Success, string.Join("; ", ours.Errors.Select(e => e.Message)));
        Assert.Equal(expected, ours.Value);
        var again = PolicyFormatter.Format(ours.Value!);
        Assert.Equal(ours.Value, again.Value);
    }

    [Fact]
    public void Every_corpus_policy_set_formats_like_the_oracle_and_formatting_is_idempotent()
    {
        var failures = new List<string>();
        var compared = 0;
        foreach (var text in CorpusPolicies.PolicySets)
        {
            var expected = OracleFormat(text);
            if (expected is null)
            {
                continue;
            }

            compared++;
            var ours = PolicyFormatter.Format(text);
            if (!ours.Success)
            {
                failures.Add(text + "\n  ours failed: " + ours.Errors[0].Message);
            }
            else if (ours.Value != expected)
            {
                failures.Add("ours:\n" + ours.Value + "\noracle:\n" + expected);
            }
            else if (PolicyFormatter.Format(ours.Value!).Value != ours.Value)
            {
                failures.Add(text + "\n  not idempotent");
            }
        }

        Assert.True(compared > 1000, $"only {compared} policy sets were compared");
        Assert.True(failures.Count == 0, $"{failures.Count} of {compared} differ:\n" + string.Join("\n-----\n", failures.Take(6)));
    }

    /// <summary>
    /// Comments in every kind of place: a seeded choice of corpus policy sets with <c>// c</c> comments (ending the line,
    /// or followed by more code on the next line) inserted after random tokens.
    /// </summary>
    [Fact]
    public void Comments_in_random_places_are_kept_like_the_oracle()
    {
        var random = new Random(20261206);
        var sets = CorpusPolicies.PolicySets;
        var failures = new List<string>();
        var compared = 0;
        for (var n = 0; n < 600; n++)
        {
            var text = sets[random.Next(sets.Count)];
            var tokens = FormatterTokens.Tokenize(text, out _);
            if (tokens is null || tokens.Count == 0)
            {
                continue;
            }

            var cuts = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => tokens[random.Next(tokens.Count)].End).Distinct().OrderDescending();
            var commented = text;
            foreach (var cut in cuts)
            {
                commented = commented[..cut] + (random.Next(2) == 0 ? " // c" + cut + "\n" : "\n// lead" + cut + "\n") + commented[cut..];
            }

            var expected = OracleFormat(commented);
            if (expected is null)
            {
                continue;
            }

            compared++;
            var ours = PolicyFormatter.Format(commented);
            if (!ours.Success || ours.Value != expected)
            {
                failures.Add(commented + "\n--- ours:\n" + (ours.Value ?? ours.Errors[0].Message) + "\n--- oracle:\n" + expected);
            }
        }

        Assert.True(compared > 450, $"only {compared} commented policy sets were compared");
        Assert.True(failures.Count == 0, $"{failures.Count} of {compared} differ:\n" + string.Join("\n=====\n", failures.Take(4)));
    }

    private static string? OracleFormat(string text)
    {
        var answer = CedarOracle.Shared.Call("formatPolicies", JsonSerializer.Serialize(new JsonObject { ["policyText"] = text }));
        return (string?)answer["type"] == "success" ? (string?)answer["formatted_policy"] : null;
    }
}
