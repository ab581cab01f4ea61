using Cedar.Parsing;
using Cedar.Schema;
using Cedar.Tests.Support;

namespace Cedar.Tests.Schema;

/// <summary>Rejected schemas: the error kind, the start of the message and the offset it points at.</summary>
public class SchemaErrorTests
{
    /// <summary>Text, expected kind, message prefix, expected offset (-1: not checked).</summary>
    public static TheoryData<string, ParseErrorKind, string, int> CedarCases => new()
    {
        { "entity A = { a: Foo };", ParseErrorKind.InvalidSchema, "failed to resolve type: Foo", 16 },
        { "entity A in [Foo];", ParseErrorKind.InvalidSchema, "failed to resolve type: Foo", 13 },
        { "entity A; action a appliesTo { principal: [A], resource: [Foo] };", ParseErrorKind.InvalidSchema, "failed to resolve type: Foo", 58 },
        { "namespace N { entity A = { a: M::B }; }", ParseErrorKind.InvalidSchema, "failed to resolve type: M::B", 30 },
        { "entity A = { a: __cedar::A };", ParseErrorKind.InvalidSchema, "failed to resolve type: __cedar::A", 16 },
        { "type A = B; type B = A; entity X;", ParseErrorKind.InvalidSchema, "cycle in common type references containing", -1 },
        { "type A = Set<A>;", ParseErrorKind.InvalidSchema, "cycle in common type references containing `A`", 0 },
        { "entity A; entity A;", ParseErrorKind.InvalidSchema, "`A` is declared twice", 17 },
        { "action a; action \"a\";", ParseErrorKind.InvalidSchema, "`a` is declared twice", 17 },
        { "type T = Long; type T = String;", ParseErrorKind.InvalidSchema, "`T` is declared twice", 20 },
        { "namespace X { entity A; } namespace X { entity B; }", ParseErrorKind.InvalidSchema, "duplicate namespace id: `X`", 36 },
        { "entity A = { @x @x a: Long };", ParseErrorKind.DuplicateAnnotation, "duplicate annotations: `x`", 17 },
        { "entity if;", ParseErrorKind.ReservedIdentifier, "`if` is a reserved identifier", 7 },
        { "entity __cedar;", ParseErrorKind.ReservedIdentifier, "use of the reserved `__cedar` namespace", 7 },
        { "namespace A::__cedar { entity A; }", ParseErrorKind.ReservedIdentifier, "use of the reserved `__cedar` namespace", 10 },
        { "type Long = String;", ParseErrorKind.ReservedIdentifier, "this uses a reserved schema keyword: `Long`", 5 },
        { "type Set = Long;", ParseErrorKind.ReservedIdentifier, "this uses a reserved schema keyword: `Set`", 5 },
        { "entity Action;", ParseErrorKind.InvalidSchema, "entity type `Action` declared in `entityTypes` list", -1 },
        { "entity A; action a in b;", ParseErrorKind.InvalidSchema, "undeclared action: Action::\"b\"", -1 },
        { "action a in b; action b in a;", ParseErrorKind.InvalidSchema, "cycle in action hierarchy", -1 },
        { "entity A; action a appliesTo { principal: [], resource: [A] };", ParseErrorKind.InvalidSchema, "for action `a`, `principal` is `[]`, which is invalid", 31 },
        { "entity A; action a appliesTo { resource: [A] };", ParseErrorKind.InvalidSchema, "missing `principal` declaration for `a`", 17 },
        { "entity A; action a appliesTo { principal: A, resource: A, context: {}, context: {} };", ParseErrorKind.InvalidSchema, "duplicate context declaration in action `a`", 71 },
        { "type T = Long; entity A; action a appliesTo { principal: A, resource: A, context: T };", ParseErrorKind.InvalidSchema, "Context for action Action::\"a\" is declared with a type other than `Record`", -1 },
        { "entity A; action a appliesTo { principal: A, resource: [Action], context: {} };", ParseErrorKind.InvalidSchema, "undeclared entity type: Action", -1 },
        { "entity A", ParseErrorKind.UnexpectedEndOfInput, "unexpected end of input", 8 },
        { "entity A = { a: Long;", ParseErrorKind.UnexpectedToken, "unexpected token `;`", 20 },
        { "entity 1A;", ParseErrorKind.UnexpectedToken, "unexpected token `1`", 7 },
        { "action a in [N::b];", ParseErrorKind.UnexpectedToken, "unexpected token `]`", 17 },
        { "entity A enum [];", ParseErrorKind.UnexpectedToken, "unexpected token `]`", 15 },
        { "entity A; # comment", ParseErrorKind.InvalidCharacter, "invalid token `#`", 10 },
        { "action \"unterminated;", ParseErrorKind.UnterminatedString, "unterminated string literal", 7 },
        { "action \"\\q\";", ParseErrorKind.InvalidEscape, "invalid escape", 7 },
    };

    [Theory]
    [MemberData(nameof(CedarCases))]
    public void Cedar_text_errors_have_kind_message_and_position(string text, ParseErrorKind kind, string message, int offset)
    {
        var result = CedarSchema.ParseCedar(text);
        Assert.False(result.Success);
        var error = result.Errors[0];
        Assert.Equal(kind, error.Kind);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        if (offset >= 0)
        {
            Assert.Equal(offset, error.Span.Start);
        }

        // The official engine rejects it too, pointing at the same place when it points anywhere.
        var oracle = CedarOracle.Shared.CallWithText("checkParseSchema", text);
        Assert.Equal("failure", oracle["type"]!.GetValue<string>());
        var locations = oracle["errors"]![0]!["sourceLocations"]!.AsArray().Select(l => l!["start"]!.GetValue<int>()).ToList();
        if (offset >= 0 && locations.Count > 0)
        {
            Assert.Contains(offset, locations);
        }
    }

    [Fact]
    public void Errors_format_as_line_and_column()
    {
        const string text = "entity A;\nentity B = {\n  x: Nope\n};\n";
        var result = CedarSchema.ParseCedar(text);
        Assert.False(result.Success);
        Assert.Equal("3:6: failed to resolve type: Nope (`Nope` has not been declared as a common or entity type)", result.Errors[0].Format(text));
    }

    [Fact]
    public void All_declaration_errors_are_collected()
    {
        var result = CedarSchema.ParseCedar("entity if; entity A; entity A; type Long = String;");
        Assert.Equal(3, result.Errors.Count);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var text = "entity A = { a: " + string.Concat(Enumerable.Repeat("Set<", 5000)) + "Long" + new string('>', 5000) + " };";
        var result = CedarSchema.ParseCedar(text);
        Assert.False(result.Success);
        Assert.Equal(ParseErrorKind.NestingTooDeep, result.Errors[0].Kind);

        var json = "{\"\": {\"entityTypes\": {\"A\": {\"shape\": {\"type\": \"Record\", \"attributes\": {\"a\": "
            + string.Concat(Enumerable.Repeat("{\"type\": \"Set\", \"element\": ", 1000)) + "{\"type\": \"Long\"}" + new string('}', 1000)
            + "}}}}, \"actions\": {}}}";
        var fromJson = CedarSchema.ParseJson(json);
        Assert.False(fromJson.Success);
        Assert.Equal(ParseErrorKind.NestingTooDeep, fromJson.Errors[0].Kind);
    }

    [Theory]
    [InlineData("{\"\": {\"entityTypes\": {}}}", "missing field `actions`")]
    [InlineData("{\"\": {\"entityTypes\": {\"A\": {\"enum\": []}}, \"actions\": {}}}", "the vector provided was empty")]
    [InlineData("{\"\": {\"entityTypes\": {\"A\": {}, \"A\": {}}, \"actions\": {}}}", "the key `A` occurs two or more times")]
    [InlineData("{\"\": {\"entityTypes\": {\"A\": {\"shape\": {\"type\": \"Long\"}}}, \"actions\": {}}}", "Shape for entity type A is declared with a type other than `Record`")]
    [InlineData("{\"\": {\"entityTypes\": {}, \"actions\": {}, \"commonTypes\": {\"T\": {\"type\": \"U\"}, \"U\": {\"type\": \"T\"}}}}", "cycle in common type references")]
    [InlineData("{\"\": {\"entityTypes\": {\"A\": {\"shape\": {\"type\": \"Record\", \"attributes\": {\"a\": {\"type\": \"Extension\", \"name\": \"Decimal\"}}}}}, \"actions\": {}}}", "unknown extension type `Decimal`")]
    [InlineData("{\"\": {\"entityTypes\": {}, \"actions\": {\"a\": {\"memberOf\": [{\"id\": \"b\"}]}}}}", "undeclared action: Action::\"b\"")]
    [InlineData("{\"N M\": {\"entityTypes\": {}, \"actions\": {}}}", "invalid namespace name `N M`")]
    [InlineData("{\"\": {", "invalid JSON")]
    public void Json_errors_have_messages(string json, string message)
    {
        var result = CedarSchema.ParseJson(json);
        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Message.StartsWith(message, StringComparison.Ordinal));
    }
}
