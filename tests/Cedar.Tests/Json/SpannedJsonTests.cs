using System.Globalization;
using Cedar.Ast;
using Cedar.Json;

namespace Cedar.Tests.Json;

public class SpannedJsonTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("7")]
    [InlineData("-12")]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("18446744073709551616")]
    [InlineData("99999999999999999999")]
    [InlineData("1.0")]
    [InlineData("1e2")]
    [InlineData("-1E+2")]
    [InlineData("0.5")]
    public void IntegersAreReadAsTheBclReadsThem(string literal)
    {
        var expectedOk = long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expected);
        Assert.True(SpannedJsonParser.TryParse(literal, out var parsed, out _, out _));
        Assert.Equal(literal, parsed!.Text);
        Assert.Equal(new SourceSpan(0, literal.Length), parsed.Span);
        Assert.Equal(expectedOk, parsed.TryGetInt64(out var fromSource));
        Assert.Equal(expectedOk ? expected : 0, fromSource);

        var built = SpannedJson.FromNumberLiteral(literal);
        Assert.Equal(expectedOk, built.TryGetInt64(out var fromLiteral));
        Assert.Equal(expectedOk ? expected : 0, fromLiteral);
    }

    [Fact]
    public void StringsAreNotIntegers()
    {
        Assert.False(SpannedJson.FromString("12").TryGetInt64(out _));
    }

    [Theory]
    [InlineData(3, -1)]
    [InlineData(3, 1)]
    [InlineData(12, -1)]
    [InlineData(12, 2)]
    [InlineData(12, 10)]
    [InlineData(40, 35)]
    public void DuplicateKeysAreFoundInSmallAndLargeObjects(int members, int duplicateOf)
    {
        var keys = Enumerable.Range(0, members).Select(i => "k" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        if (duplicateOf >= 0)
        {
            keys.Add(keys[duplicateOf]);
        }

        var text = "{" + string.Join(",", keys.Select(k => "\"" + k + "\":1")) + "}";
        var ok = SpannedJsonParser.TryParse(text, out var parsed, out var error, out var span);
        var built = () => SpannedJson.FromMembers([.. keys.Select(k => new KeyValuePair<string, SpannedJson>(k, SpannedJson.FromBool(true)))]);
        if (duplicateOf < 0)
        {
            Assert.True(ok);
            Assert.Equal(keys, parsed!.Members.Select(m => m.Key));
            Assert.Equal(keys, built().Members.Select(m => m.Key));
        }
        else
        {
            Assert.False(ok);
            Assert.Equal($"duplicate key `k{duplicateOf}` in JSON object", error);
            Assert.Equal(text.LastIndexOf("\"k" + duplicateOf.ToString(CultureInfo.InvariantCulture) + "\"", StringComparison.Ordinal), span.Start);
            var thrown = Assert.Throws<ArgumentException>(built);
            Assert.StartsWith($"duplicate key `k{duplicateOf}`", thrown.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NestedContainersKeepTheirOwnMembersAndItems()
    {
        const string text = """{"a":[1,[2,3],{"b":[4],"c":{}}],"d":[],"e":"x\"y","f":"é"}""";
        Assert.True(SpannedJsonParser.TryParse(text, out var root, out _, out _));
        Assert.Equal(["a", "d", "e", "f"], root!.Members.Select(m => m.Key));
        var a = root.Get("a")!;
        Assert.Equal(3, a.Items.Count);
        Assert.Equal(["2", "3"], a.Items[1].Items.Select(i => i.Text));
        Assert.Equal(["b", "c"], a.Items[2].Members.Select(m => m.Key));
        Assert.Equal("4", a.Items[2].Get("b")!.Items[0].Text);
        Assert.Empty(a.Items[2].Get("c")!.Members);
        Assert.Empty(root.Get("d")!.Items);
        Assert.Equal("x\"y", root.Get("e")!.Text);
        Assert.Equal(new SourceSpan(text.IndexOf("\"x", StringComparison.Ordinal), 6), root.Get("e")!.Span);
        Assert.Equal("é", root.Get("f")!.Text);
    }

    [Theory]
    [InlineData("\"abc", "unterminated string", 4)]
    [InlineData("\"a\u0001\"", "control character in string", 2)]
    [InlineData("\"a\\x\"", "invalid escape in string", 3)]
    [InlineData("[1,]", "invalid JSON value", 3)]
    [InlineData("{\"a\" 1}", "expected `:`", 5)]
    [InlineData("01", "invalid JSON value", 0)]
    public void ErrorsKeepTheirMessagesAndPositions(string text, string message, int position)
    {
        Assert.False(SpannedJsonParser.TryParse(text, out _, out var error, out var span));
        Assert.Equal(message, error);
        Assert.Equal(position, span.Start);
    }
}
