using Cedar.Ast;
using Cedar.Parsing;

namespace Cedar.Tests.Parsing;

/// <summary>Input → the errors we report (kind and 1-based line:column of each, in order).</summary>
public class ParseErrorTableTests
{
    private const string P = "permit(principal, action, resource)";

    public static TheoryData<string, string> Rows() => new()
    {
        // Lexical errors.
        { P + " when { \"abc };", "UnterminatedString@1:44" },
        { P + " when { 1 # 2 };", "InvalidCharacter@1:46" },
        { P + " when { a & b };", "InvalidCharacter@1:46" },
        { "permit(principal, action, resource) when {\n  \"\\q\" };", "InvalidEscape@2:3" },
        { P + " when { \"\\u{110000}\" };", "InvalidEscape@1:44" },
        { P + " when { \"\\u{D800}\" };", "InvalidEscape@1:44" },
        { P + " when { \"\\u{}\" };", "InvalidEscape@1:44" },
        { P + " when { \"a\" like \"\\q*\" };", "InvalidEscape@1:53" },
        { "@a(\"\\x80\") " + P + ";", "InvalidEscape@1:1" },

        // Integer limits.
        { P + " when { 9223372036854775808 };", "IntegerLiteralOutOfRange@1:44" },
        { P + " when { -9223372036854775809 };", "IntegerLiteralOutOfRange@1:44" },
        { P + " when { -(9223372036854775808) };", "IntegerLiteralOutOfRange@1:46" },
        { P + " when { 99999999999999999999999 };", "IntegerLiteralOutOfRange@1:44" },

        // Syntax errors: one per policy, recovery at the `;` that ends it.
        { P + " when { 1 + };", "UnexpectedToken@1:48" },
        { P, "UnexpectedEndOfInput@1:36" },
        { P + " when { true", "UnexpectedEndOfInput@1:48" },
        { P + " when { 1 == if true then 1 else 2 };", "UnexpectedToken@1:49" },
        { P + " when { 1 has a has b };", "UnexpectedToken@1:52" },
        { P + " when { !-1 };", "UnexpectedToken@1:45" },
        { P + ";;", "UnexpectedToken@1:37" },
        { P + " when { 1.5 };", "UnexpectedToken@1:46" },
        { P + " when { 1 };\n" + P + " when { ) };\npermit(principal) when { ( };", "UnexpectedToken@2:44 UnexpectedToken@3:28" },

        // Conversion errors: every one is reported.
        { P + " when { 1 < 2 < 3 };", "UnexpectedToken@1:44" },
        { P + " when { {a: 1, a: 2} };", "DuplicateRecordKey@1:44" },
        { "@a @a(\"x\") " + P + ";", "DuplicateAnnotation@1:4" },
        { P + " when { ?principal };", "InvalidSlot@1:44" },
        { P + " when { ?foo };", "InvalidSlot@1:44" },
        { "permit(principal in ?resource, action, resource);", "InvalidSlot@1:21" },
        { "permit(principal, action == ?principal, resource);", "InvalidSlot@1:29" },
        { "permit(action, principal, resource);", "InvalidScope@1:8" },
        { P + " when { true } // no semicolon\n", "UnexpectedEndOfInput@1:50" },
        { P + " when { principal is A.foo };", "UnexpectedToken@1:57" },
        { "permit();", "InvalidScope@1:7" },
        { "permit(principal, action);", "InvalidScope@1:25" },
        { "permit(principal, action, resource, context);", "InvalidScope@1:37" },
        { "permit(principal, action in User::\"a\", resource);", "InvalidScope@1:29" },
        { "permit(principal, action is Action, resource);", "InvalidScope@1:19" },
        { "permit(principal is User == User::\"a\", action, resource);", "InvalidScope@1:8" },
        { "permit(principal != User::\"a\", action, resource);", "InvalidScope@1:8" },
        { "allow(principal, action, resource);", "UnexpectedToken@1:1" },
        { P + " if { true };", "UnexpectedToken@1:37" },
        { P + " when { };", "UnexpectedToken@1:37" },
        { P + " when { foo(1) };", "InvalidFunctionOrMethod@1:44" },
        { P + " when { context.foo(1) };", "InvalidFunctionOrMethod@1:44" },
        { P + " when { context.ip(\"a\") };", "InvalidFunctionOrMethod@1:44" },
        { P + " when { isEmpty(context) };", "InvalidFunctionOrMethod@1:44" },
        { P + " when { [1].contains(1, 2) };", "WrongArgumentCount@1:44" },
        { P + " when { [].isEmpty(1) };", "WrongArgumentCount@1:44" },
        { P + " when { context.if };", "ReservedIdentifier@1:52" },
        { P + " when { {then: 1} };", "ReservedIdentifier@1:45" },
        { P + " when { context has a.like };", "ReservedIdentifier@1:58" },
        { P + " when { __cedar::ip(\"1.1.1.1\") };", "ReservedIdentifier@1:44" },
        { P + " when { principal is A::__cedar };", "ReservedIdentifier@1:57" },
        { P + " when { \"a\" like context.x };", "InvalidPattern@1:53" },
        { P + " when { foo };", "UnexpectedToken@1:44" },
        { P + " when { context[1] };", "UnexpectedToken@1:52" },
        { P + " when { 1 / 2 };", "UnexpectedToken@1:44" },
        { P + " when { !!!!!true };", "UnexpectedToken@1:44" },
        { P + " when { -----1 };", "UnexpectedToken@1:44" },
        { P + " when { {a: 1, a: 2} } unless { context.if };\nforbid(principal, action, resource) when { ?resource };", "DuplicateRecordKey@1:44 ReservedIdentifier@1:76 InvalidSlot@2:44" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Reports_every_error_with_kind_and_position(string text, string expected)
    {
        var result = PolicyParser.ParsePolicySet(text);
        Assert.False(result.Success);
        var actual = string.Join(" ", result.Errors.Select(e => e.Kind + "@" + LineColumn.Of(text, e.Span.Start)));
        Assert.Equal(expected, actual);
    }

    public static TheoryData<string> DeepInputs() => new()
    {
        new string('(', 100_000) + "1" + new string(')', 100_000),
        string.Concat(Enumerable.Repeat("!(", 100_000)) + "true" + new string(')', 100_000),
        new string('[', 100_000),
        string.Concat(Enumerable.Repeat("{a:", 100_000)),
        string.Concat(Enumerable.Repeat("if true then ", 100_000)) + "1",
        string.Concat(Enumerable.Repeat("context[", 100_000)),
        string.Concat(Enumerable.Repeat("ip(", 100_000)),
        string.Concat(Enumerable.Repeat("context.contains(", 100_000)),
        string.Concat(Enumerable.Repeat("1 == (", 100_000)),
    };

    [Theory]
    [MemberData(nameof(DeepInputs))]
    public void Deep_nesting_is_an_error_not_a_crash(string body)
    {
        var text = P + " when { " + body + " };";
        var result = PolicyParser.ParsePolicySet(text);
        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Kind == ParseErrorKind.NestingTooDeep);
        Assert.False(PolicyParser.ParseExpression(body).Success);
    }

    [Fact]
    public void Nesting_up_to_the_limit_parses()
    {
        var body = new string('(', 150) + "1" + new string(')', 150);
        Assert.True(PolicyParser.ParsePolicySet(P + " when { " + body + " };").Success);
    }

    [Fact]
    public void Long_flat_chains_parse_without_recursion()
    {
        // Cedar accepts long left-associative chains; they are loops in the parser, not nesting.
        var sum = string.Join(" + ", Enumerable.Repeat("1", 100_000));
        var result = PolicyParser.ParseExpression(sum);
        Assert.True(result.Success);
        Assert.IsType<BinaryExpr>(result.Value);
        var many = new string('!', 100_000) + "true";
        Assert.Contains(PolicyParser.ParseExpression(many).Errors, e => e.Message.Contains("too many occurrences of `!`"));
    }

    [Fact]
    public void Integer_limits_match_cedar()
    {
        Assert.Equal(long.MinValue, ((Cedar.Values.LongValue)((LiteralExpr)PolicyParser.ParseExpression("-9223372036854775808").Value!).Value).Value);
        Assert.Equal(long.MaxValue, ((Cedar.Values.LongValue)((LiteralExpr)PolicyParser.ParseExpression("9223372036854775807").Value!).Value).Value);
        var doubleNeg = (UnaryExpr)PolicyParser.ParseExpression("--9223372036854775808").Value!;
        Assert.Equal(UnaryOp.Neg, doubleNeg.Op);
        Assert.Equal(long.MinValue, ((Cedar.Values.LongValue)((LiteralExpr)doubleNeg.Operand).Value).Value);
    }
}
