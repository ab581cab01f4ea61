using Cedar.Ast;
using Cedar.Parsing;
using Cedar.Values;

namespace Cedar.Tests.Parsing;

public class PolicyParserApiTests
{
    [Fact]
    public void Policy_set_ids_count_templates_in_source_order()
    {
        var text = "permit(principal == ?principal, action, resource);\n@a forbid(principal, action, resource);\npermit(principal, action, resource in ?resource);";
        var result = PolicyParser.ParsePolicySet(text);
        Assert.True(result.Success);
        Assert.Equal(["policy0", "policy1", "policy2"], result.Value!.Select(p => p.Id));
        Assert.Equal([true, false, true], result.Value!.Select(p => p.IsTemplate));
        Assert.Equal("", result.Value![1].GetAnnotation("a"));
        Assert.Null(result.Value![1].Annotations[0].Value);
    }

    [Fact]
    public void Parse_policy_takes_exactly_one()
    {
        Assert.Equal("mine", PolicyParser.ParsePolicy("permit(principal, action, resource);", "mine").Value!.Id);
        Assert.False(PolicyParser.ParsePolicy("").Success);
        Assert.False(PolicyParser.ParsePolicy("permit(principal, action, resource); permit(principal, action, resource);").Success);
    }

    [Fact]
    public void Scope_forms_are_kept()
    {
        var p = PolicyParser.ParsePolicy("permit(principal is A::User in Group::\"g\", action in [Action::\"a\", NS::Action::\"b\"], resource is Photo);").Value!;
        Assert.Equal(ScopeOp.IsIn, p.Principal.Op);
        Assert.Equal("A::User", p.Principal.EntityType!.FullName);
        Assert.Equal(new EntityUid("Group", "g"), p.Principal.Entity!.Uid);
        Assert.Equal(ActionScopeOp.In, p.Action.Op);
        Assert.True(p.Action.IsList);
        Assert.Equal(2, p.Action.Entities.Count);
        Assert.Equal(ScopeOp.Is, p.Resource.Op);
        Assert.Equal("permit(principal is A::User in Group::\"g\"".Length - "permit(".Length, p.Principal.Span.Length);
    }

    [Theory]
    [InlineData("1 != 2", BinaryOp.NotEq)]
    [InlineData("1 > 2", BinaryOp.Greater)]
    [InlineData("1 >= 2", BinaryOp.GreaterEq)]
    [InlineData("principal in [A::\"a\"]", BinaryOp.In)]
    [InlineData("[1].containsAll([1])", BinaryOp.ContainsAll)]
    [InlineData("principal.hasTag(\"t\")", BinaryOp.HasTag)]
    [InlineData("1 - 2", BinaryOp.Sub)]
    public void Binary_operators_are_distinct(string text, BinaryOp op)
    {
        Assert.Equal(op, Assert.IsType<BinaryExpr>(PolicyParser.ParseExpression(text).Value).Op);
    }

    [Fact]
    public void Has_like_is_and_extension_calls()
    {
        var has = Assert.IsType<HasAttrExpr>(PolicyParser.ParseExpression("context has a.b.c").Value);
        Assert.Equal(["a", "b", "c"], has.Path);
        var like = Assert.IsType<LikeExpr>(PolicyParser.ParseExpression("\"x\" like \"a*b\\*c\"").Value);
        Assert.Equal(["a", "b*c"], like.Pattern.Segments);
        var isIn = Assert.IsType<IsExpr>(PolicyParser.ParseExpression("principal is User in Group::\"g\"").Value);
        Assert.NotNull(isIn.InEntity);
        var call = Assert.IsType<ExtensionCallExpr>(PolicyParser.ParseExpression("ip(\"1.2.3.4\").isInRange(ip(\"1.0.0.0/8\"))").Value);
        Assert.Equal("isInRange", call.FunctionName);
        Assert.Equal(2, call.Arguments.Count);
        var str = Assert.IsType<LiteralExpr>(PolicyParser.ParseExpression("\"\\u{1F600}\\t\\0\\'\\\"\"").Value);
        Assert.Equal("\U0001F600\t\0'\"", ((StringValue)str.Value).Value);
    }

    [Fact]
    public void Entity_uids_and_names()
    {
        var uid = PolicyParser.ParseEntityUid("A::B::\"any \\\"chars\\\"\"");
        Assert.True(uid.Success);
        Assert.Equal(new EntityUid("A::B", "any \"chars\""), uid.Value);
        Assert.False(PolicyParser.ParseEntityUid("A::B").Success);
        Assert.False(PolicyParser.ParseEntityUid("if::\"a\"").Success);
        Assert.Equal("A::B::C", PolicyParser.ParseName("A::B::C").Value!.FullName);
        Assert.False(PolicyParser.ParseName("A::if").Success);
        Assert.False(PolicyParser.ParseName("__cedar::A").Success);
        Assert.False(PolicyParser.ParseName("A::\"b\"").Success);
        Assert.True(PolicyParser.ParseName(" A :: B ").Success);
        Assert.False(PolicyParser.ParseNormalizedName(" A :: B ").Success);
        Assert.True(PolicyParser.ParseNormalizedName("A::B").Success);
    }

    [Fact]
    public void Lexer_reports_comments_with_spans()
    {
        var text = "// head\npermit(principal, action, resource) // tail\n;";
        var lex = Lexer.Tokenize(text);
        Assert.Equal(["// head", "// tail"], lex.Comments.Select(c => text.Substring(c.Start, c.Length)));
        Assert.Empty(lex.Errors);
        Assert.Equal(TokenKind.EndOfInput, lex.Tokens[^1].Kind);
        Assert.Equal("permit", lex.Tokens[0].Text);
        Assert.Equal(new SourceSpan(8, 6), lex.Tokens[0].Span);
    }

    [Fact]
    public void Spans_cover_their_source()
    {
        var text = "permit(principal, action, resource) when { context.a + 1 > 2 } unless { false };";
        var p = PolicyParser.ParsePolicy(text).Value!;
        Assert.Equal(text, text.Substring(p.Span.Start, p.Span.Length));
        Assert.Equal("when { context.a + 1 > 2 }", text.Substring(p.Conditions[0].Span.Start, p.Conditions[0].Span.Length));
        var body = p.Conditions[0].Body;
        Assert.Equal("context.a + 1 > 2", text.Substring(body.Span.Start, body.Span.Length));
    }
}
