using Cedar.Ast;

namespace Cedar.Parsing;

/// <summary>Parses Cedar policy text, expressions, entity uids and names, as cedar-wasm 4.13 does. Never throws for bad input.</summary>
public static class PolicyParser
{
    /// <summary>Parses a policy set; policies and templates get the ids <c>policy0</c>, <c>policy1</c>, ... in source order.</summary>
    public static ParseResult<IReadOnlyList<Policy>> ParsePolicySet(string text)
    {
        var parser = new Parser(text);
        var policies = parser.ParsePolicies();
        return parser.Errors.Count > 0 ? ParseResult<IReadOnlyList<Policy>>.Fail(parser.Errors) : ParseResult<IReadOnlyList<Policy>>.Ok(policies);
    }

    /// <summary>Parses exactly one policy or template.</summary>
    public static ParseResult<Policy> ParsePolicy(string text, string id = "policy0")
    {
        var set = ParsePolicySet(text);
        if (!set.Success)
        {
            return ParseResult<Policy>.Fail(set.Errors);
        }

        var policies = set.Value!;
        if (policies.Count != 1)
        {
            var span = policies.Count == 0 ? new SourceSpan(0, text.Length) : policies[1].Span;
            return ParseResult<Policy>.Fail(new ParseError(
                ParseErrorKind.Other,
                span,
                policies.Count == 0 ? "expected a policy, found none" : $"expected exactly one policy, found {policies.Count}"));
        }

        return ParseResult<Policy>.Ok(policies[0].WithId(id));
    }

    public static ParseResult<Expr> ParseExpression(string text)
    {
        var parser = new Parser(text);
        var e = parser.ParseStandaloneExpression();
        return e is not null && parser.Errors.Count == 0 ? ParseResult<Expr>.Ok(e) : ParseResult<Expr>.Fail(parser.Errors);
    }

    /// <summary>Parses an entity uid such as <c>User::"alice"</c>.</summary>
    public static ParseResult<EntityUid> ParseEntityUid(string text)
    {
        var parser = new Parser(text);
        var uid = parser.ParseStandaloneEntityUid();
        return uid is not null && parser.Errors.Count == 0 ? ParseResult<EntityUid>.Ok(uid) : ParseResult<EntityUid>.Fail(parser.Errors);
    }

    /// <summary>Parses a possibly namespaced name such as <c>A::B::C</c>.</summary>
    public static ParseResult<Name> ParseName(string text)
    {
        var parser = new Parser(text);
        var name = parser.ParseStandaloneName();
        return name is not null && parser.Errors.Count == 0 ? ParseResult<Name>.Ok(name) : ParseResult<Name>.Fail(parser.Errors);
    }

    /// <summary>
    /// Parses a name that must already be in normal form (no whitespace or comments), as Cedar requires for type names
    /// in JSON (entities, EST, schema JSON).
    /// </summary>
    public static ParseResult<Name> ParseNormalizedName(string text)
    {
        var result = ParseName(text);
        if (result.Success && result.Value!.FullName != text)
        {
            return ParseResult<Name>.Fail(new ParseError(ParseErrorKind.Other, new SourceSpan(0, text.Length), $"`Name` needs to be normalized (e.g., whitespace removed): {text}"));
        }

        return result;
    }
}
