using System.Globalization;
using System.Text;
using Cedar.Ast;
using Cedar.Entities;
using Cedar.Json;
using Cedar.Parsing;
using Cedar.Values;

namespace Cedar.Tests.Json;

/// <summary>
/// The direct text reader (used by <see cref="EntityJson.ParseEntities(string, Schema.ValidatorSchema?)"/> without a
/// schema) must accept only what the careful tree path accepts, and build the same store; on everything else the
/// result, errors included, must be the careful path's. Checked on hand-picked edge cases and on generated inputs.
/// </summary>
public class DirectEntityReaderTests
{
    public static TheoryData<string> EntityCases => new()
    {
        "[]",
        " [ ] ",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":1},"parents":[{"type":"Group","id":"g"}]}]""",
        """[{"parents":[],"attrs":{},"uid":{"id":"a","type":"User"}}]""",
        """ [ { "uid" : { "type" : "User" , "id" : "a" } , "attrs" : { "x" : [ 1 , 2 , 1 ] } , "parents" : [ ] } ] """,
        """[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[],"tags":{"t":1}}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[],"extra":1}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[],"uid":{"type":"User","id":"b"}}]""",
        """[{"uid":{"type":"User","id":"a","id":"b"},"attrs":{},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a","x":1},"attrs":{},"parents":[]}]""",
        """[{"uid":{"type":"User"},"attrs":{},"parents":[]}]""",
        """[{"uid":{"type":"User","id":1},"attrs":{},"parents":[]}]""",
        """[{"uid":{"type":"Us er","id":"a"},"attrs":{},"parents":[]}]""",
        """[{"uid":{"type":"if","id":"a"},"attrs":{},"parents":[]}]""",
        """[{"uid":{"type":"A::B","id":"a"},"attrs":{},"parents":[{"type":"A::C","id":"b"}]}]""",
        """[{"uid":{"type":"User","id":"a\"b\\c\u00e9"},"attrs":{"k\n":"v\t"},"parents":[]}]""",
        """[{"uid":{"__entity":{"type":"User","id":"a"}},"attrs":{},"parents":[{"__entity":{"type":"G","id":"b"}}]}]""",
        """[{"uid":{"__entity":{"type":"User","id":"a"},"x":1},"attrs":{},"parents":[]}]""",
        """[{"uid":{"__entity":{"__entity":{"type":"User","id":"a"}}},"attrs":{},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":null},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":1.5,"y":1e3,"z":-0},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":0,"y":-0,"z":10},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":01},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":-},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":9223372036854775807,"y":-9223372036854775808},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":9223372036854775808},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":-9223372036854775809},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":99999999999999999999999},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":truex},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":tru},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"b":true,"c":false,"s":"t","e":[],"r":{}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":1,"x":2},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"c":11},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"e":{"__entity":{"type":"User","id":"b"}}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"e":{"__entity":{"type":"User","id":"b"},"y":1}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"e":{"y":1,"__entity":{"type":"User","id":"b"}}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"e":{"__entity":5}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"e":{"__entity":{"type":"User","id":"b","z":2}}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"e":{"__entity":{"type":"Us er","id":"b"}}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"e":{"__expr":"1"}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"e":{"__other":"1"}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"__entity":{"type":"User","id":"b"}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"i":{"__extn":{"fn":"ip","arg":"10.0.0.1/8"}},"d":{"__extn":{"arg":"1.5","fn":"decimal"}}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"d":{"__extn":{"fn":"decimal","arg":"1.23456"}}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"d":{"__extn":{"fn":"nope","arg":"1"}}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"d":{"__extn":{"fn":"lessThan","arg":"1"}}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"d":{"__extn":{"fn":"decimal","arg":"1.5","x":1}}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"d":{"__extn":{"fn":"decimal","arg":"1.5"},"x":1}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"d":{"__extn":{"fn":"decimal","arg":1}}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"d":{"__extn":{"fn":"offset","args":[{"__extn":{"fn":"datetime","arg":"1970-01-01"}},{"__extn":{"fn":"duration","arg":"1000ms"}}]}}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"d":{"__extn":5}},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"s":[{"__entity":{"type":"U","id":"1"}},{"type":"U","id":"1"},{"__entity":{"type":"U","id":"1"}}]},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"s":[[1,2],[2,1],{"a":1},{"a":1}]},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[]},{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":1},"parents":[]},{"uid":{"type":"User","id":"a"},"attrs":{"x":2},"parents":[]}]""",
        """[{"uid":{"type":"U","id":"a"},"attrs":{},"parents":[{"type":"U","id":"b"}]},{"uid":{"type":"U","id":"b"},"attrs":{},"parents":[{"type":"U","id":"a"}]}]""",
        """[{"uid":{"type":"U","id":"a"},"attrs":{},"parents":[{"type":"U","id":"a"}]}]""",
        """[{"uid":{"type":"U","id":"a"},"attrs":{},"parents":[{"type":"U","id":"b"},{"type":"U","id":"b"},{"type":"U","id":"c"}]},{"uid":{"type":"U","id":"b"},"attrs":{},"parents":[{"type":"U","id":"c"}]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":{}}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":[],"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{}}]""",
        """[{}]""",
        """[1]""",
        """{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[]}""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[]}] x""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[]},]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[],}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":[1,]},"parents":[]}]""",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":"un""",
        "[{\"uid\":{\"type\":\"User\",\"id\":\"a\u0001\"},\"attrs\":{},\"parents\":[]}]",
        """[{"uid":{"type":"User","id":"a"},"attrs":{"x":"\ud83d\ude00 \u00e9"},"parents":[]}]""",
        "",
        "[",
    };

    public static TheoryData<string> ContextCases => new()
    {
        "{}",
        """{"ip":{"__extn":{"fn":"ip","arg":"10.40.82.77"}},"mfa":false,"hour":3}""",
        """{"__entity":{"type":"User","id":"a"}}""",
        """{"__extn":{"fn":"ip","arg":"10.40.82.77"}}""",
        """{"a":1,"a":2}""",
        """{"a":null}""",
        """{"a":1.0}""",
        """[]""",
        """{"a":{"b":{"c":[1,{"d":"e"}]}}}""",
        """{"a":1} {}""",
        """ { "a" : 1 } """,
    };

    [Theory]
    [MemberData(nameof(EntityCases))]
    public void EntitiesMatchTheCarefulPath(string text) => AssertEntitiesMatch(text);

    [Theory]
    [MemberData(nameof(ContextCases))]
    public void ContextMatchesTheCarefulPath(string text) => AssertContextMatches(text);

    [Fact]
    public void DeepNestingIsLeftToTheParser()
    {
        foreach (var depth in new[] { 60, 70, 130, 10_000 })
        {
            AssertEntitiesMatch("[{\"uid\":{\"type\":\"U\",\"id\":\"a\"},\"attrs\":{\"x\":" + new string('[', depth) + new string(']', depth) + "},\"parents\":[]}]");
            AssertContextMatches("{\"x\":" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth) + "}");
        }
    }

    [Fact]
    public void GeneratedAndMutatedInputsMatchTheCarefulPath()
    {
        var random = new Random(20261206);
        var directlyRead = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = GenerateEntities(random);
            if (i % 3 == 1)
            {
                text = Mutate(text, random);
            }

            directlyRead += DirectEntityReader.TryReadEntities(text, out _) ? 1 : 0;
            AssertEntitiesMatch(text);
        }

        // The generator mostly writes the common forms, so the direct reader must have taken a good share.
        Assert.InRange(directlyRead, 300, 2999);
    }

    [Fact]
    public void SharedStringsAreEqualToFreshOnes()
    {
        var texts = new[] { "", "a", "User", "abcdefghijklmnopqrstuvwxyz012345", "abcdefghijklmnopqrstuvwxyz0123456", "é\ud83d\ude00" };
        foreach (var text in texts)
        {
            Assert.Equal(text, ShortStrings.Get(text.AsSpan()));
            Assert.Equal(text, ShortStrings.Get(text.AsSpan()));
        }

        // Every slot is overwritten by colliding or new strings without mixing them up.
        for (var i = 0; i < 10_000; i++)
        {
            var text = "k" + i.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(text, ShortStrings.Get(text.AsSpan()));
        }
    }

    private static void AssertEntitiesMatch(string text)
    {
        var actual = EntityJson.ParseEntities(text);
        ParseResult<EntityStore> expected = SpannedJsonParser.TryParse(text, out var root, out var jsonError, out var span)
            ? EntityJson.ParseEntities(root!)
            : ParseResult<EntityStore>.Fail(new ParseError(ParseErrorKind.InvalidJson, span, "invalid JSON: " + jsonError));
        if (DirectEntityReader.TryReadEntities(text, out var direct))
        {
            Assert.True(expected.Success, "the direct reader accepted what the careful path rejects: " + text + " → " + Message(expected));
            AssertSameStore(expected.Value!, direct, text);
        }

        Assert.Equal(Message(expected), Message(actual));
        Assert.Equal(expected.Success ? default : expected.Errors[0].Span, actual.Success ? default : actual.Errors[0].Span);
        if (expected.Success)
        {
            AssertSameStore(expected.Value!, actual.Value!, text);
        }
    }

    private static void AssertContextMatches(string text)
    {
        var actual = EntityJson.ParseContext(text);
        ParseResult<RecordValue> expected = SpannedJsonParser.TryParse(text, out var root, out var jsonError, out var span)
            ? EntityJson.ParseContext(root!)
            : ParseResult<RecordValue>.Fail(new ParseError(ParseErrorKind.InvalidJson, span, "invalid JSON: " + jsonError));
        if (DirectEntityReader.TryReadContext(text, out var direct))
        {
            Assert.True(expected.Success, "the direct reader accepted what the careful path rejects: " + text);
            Assert.Equal(expected.Value!, direct);
        }

        Assert.Equal(Message(expected), Message(actual));
        if (expected.Success)
        {
            Assert.Equal(expected.Value!.ToString(), actual.Value!.ToString());
        }
        else
        {
            Assert.Equal(expected.Errors[0].Span, actual.Errors[0].Span);
        }
    }

    private static string Message<T>(ParseResult<T> result)
        where T : class => result.Success ? "ok" : result.Errors[0].Kind + ": " + result.Errors[0].Message;

    private static void AssertSameStore(EntityStore expected, EntityStore actual, string text)
    {
        Assert.Equal(expected.Entities.Select(e => e.Uid), actual.Entities.Select(e => e.Uid));
        foreach (var e in expected.Entities)
        {
            Assert.True(actual.TryGet(e.Uid, out var a), text);
            Assert.Equal(e.Attributes.Keys, a.Attributes.Keys);
            foreach (var (key, value) in e.Attributes)
            {
                Assert.Equal(value, a.Attributes[key]);
                Assert.Equal(value.ToString(), a.Attributes[key].ToString());
            }

            Assert.Equal(e.Parents, a.Parents);
            Assert.Equal(e.Tags.OrderBy(t => t.Key, StringComparer.Ordinal), a.Tags.OrderBy(t => t.Key, StringComparer.Ordinal));
            Assert.Equal(expected.AncestorsOf(e.Uid).ToArray(), actual.AncestorsOf(e.Uid).ToArray());
        }
    }

    private static readonly string[] s_types = ["User", "Team", "A::B", "Folder", "if", "Us er", "__cedar::X", "X::"];
    private static readonly string[] s_ids = ["a", "b", "c", "d", "e\\\"q", "\\u0041", ""];

    private static string GenerateEntities(Random random)
    {
        var sb = new StringBuilder("[");
        var count = random.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(Space(random)).Append(',');
            }

            var members = new List<string>
            {
                "\"uid\":" + Space(random) + Uid(random),
                "\"attrs\":" + Space(random) + Record(random, 0),
                "\"parents\":[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Uid(random))) + "]",
            };
            if (random.Next(12) == 0)
            {
                members.Add("\"tags\":" + Record(random, 2));
            }

            if (random.Next(20) == 0)
            {
                members.RemoveAt(random.Next(members.Count));
            }

            if (random.Next(20) == 0)
            {
                members.Add(members[random.Next(members.Count)]);
            }

            sb.Append(Space(random)).Append('{').Append(string.Join("," + Space(random), members.OrderBy(_ => random.Next()))).Append('}');
        }

        return sb.Append(Space(random)).Append(']').ToString();
    }

    private static string Uid(Random random)
    {
        var type = random.Next(10) == 0 ? s_types[random.Next(s_types.Length)] : s_types[random.Next(4)];
        var id = s_ids[random.Next(random.Next(8) == 0 ? s_ids.Length : 4)];
        var plain = random.Next(2) == 0
            ? "{\"type\":\"" + type + "\"," + Space(random) + "\"id\":\"" + id + "\"}"
            : "{\"id\":\"" + id + "\",\"type\":\"" + type + "\"}";
        return random.Next(6) == 0 ? "{\"__entity\":" + plain + "}" : plain;
    }

    private static string Record(Random random, int depth)
    {
        var keys = new[] { "a", "b", "c", "name", "x\\n", "__entity", "__extn" };
        var members = Enumerable.Range(0, random.Next(0, 5))
            .Select(_ => "\"" + keys[random.Next(random.Next(10) == 0 ? keys.Length : 4)] + "\":" + Space(random) + Value(random, depth + 1));
        return "{" + string.Join(",", members) + "}";
    }

    private static string Value(Random random, int depth) => random.Next(depth > 3 ? 8 : 13) switch
    {
        0 => "true",
        1 => "false",
        2 => random.Next(-5, 5).ToString(CultureInfo.InvariantCulture),
        3 => new[] { "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1.5", "1e2", "-0", "0" }[random.Next(7)],
        4 => "\"" + new[] { "s", "t", "a\\\"b", "\\u00e9", "long string with spaces" }[random.Next(5)] + "\"",
        5 => "{\"__extn\":{\"fn\":\"" + new[] { "ip", "decimal", "nope" }[random.Next(3)] + "\",\"arg\":\"" + new[] { "10.0.0.1", "1.25", "x" }[random.Next(3)] + "\"}}",
        6 => "{\"__entity\":" + (random.Next(4) == 0 ? "3" : Uid(random)) + "}",
        7 => random.Next(10) == 0 ? "null" : "\"v\"",
        8 or 9 => "[" + string.Join("," + Space(random), Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(random, depth + 1))) + "]",
        _ => Record(random, depth),
    };

    private static string Space(Random random) => random.Next(4) == 0 ? new[] { " ", "\n", "\t ", "\r\n" }[random.Next(4)] : "";

    private static string Mutate(string text, Random random)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var at = random.Next(text.Length);
        return random.Next(3) switch
        {
            0 => text.Remove(at, 1),
            1 => text.Insert(at, new[] { ",", "\"", "{", "]", " ", "x", "0" }[random.Next(7)]),
            _ => text.Insert(at, text[random.Next(text.Length)].ToString()),
        };
    }
}
