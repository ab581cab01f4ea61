using System.Globalization;
using System.Runtime.CompilerServices;
using Cedar.Ast;
using Cedar.Values;

namespace Cedar.Parsing;

/// <summary>
/// Recursive-descent parser for Cedar policies and expressions, following the grammar and the checks of Cedar's
/// own parser (CST then conversion). A syntax error puts the parser in panic mode: the current policy is abandoned and
/// parsing resumes after the next <c>;</c>. Conversion errors (reserved identifiers, bad scope, unknown functions, ...)
/// are recorded without abandoning the policy, so every error in a file is reported.
/// </summary>
internal sealed class Parser
{
    public const int MaxNesting = 200;
    private const int MaxUnaryRepeat = 4;

    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "true", "false", "if", "then", "else", "in", "is", "like", "has",
    };

    private static readonly HashSet<string> s_extensionFunctions = new(StringComparer.Ordinal)
    {
        "ip", "decimal", "datetime", "duration", "unknown",
    };

    private static readonly HashSet<string> s_extensionMethods = new(StringComparer.Ordinal)
    {
        "isIpv4", "isIpv6", "isLoopback", "isMulticast", "isInRange",
        "lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual",
        "offset", "durationSince", "toDate", "toTime",
        "toDays", "toHours", "toMinutes", "toSeconds", "toMilliseconds",
    };

    private readonly string _text;
    private readonly IReadOnlyList<Token> _tokens;
    private readonly List<ParseError> _errors = [];
    private int _pos;
    private int _depth;
    private bool _panic;
    private ParseError? _panicError;

    // Where slots are legal: in the scope (true) or not (in conditions). The name is the clause, for messages.
    private bool _slotsAllowed;
    private string _clauseName = "when";

    public Parser(string text)
    {
        _text = text;
        var lex = Lexer.Tokenize(text);
        _tokens = lex.Tokens;
    }

    public List<ParseError> Errors => _errors;

    private Token Current => _tokens[_pos];

    private Token PeekAt(int offset) => _tokens[Math.Min(_pos + offset, _tokens.Count - 1)];

    private SourceSpan PreviousSpan => _pos > 0 ? _tokens[_pos - 1].Span : new SourceSpan(0, 0);

    // ---------------------------------------------------------------- entry points

    public List<Policy> ParsePolicies()
    {
        var policies = new List<Policy>();
        var index = 0;
        while (Current.Kind != TokenKind.EndOfInput)
        {
            var errorsBefore = _errors.Count;
            var startPos = _pos;
            _panic = false;
            _depth = 0;
            var policy = ParsePolicy("policy" + index.ToString(CultureInfo.InvariantCulture));
            index++;
            if (_panic)
            {
                // As in Cedar, a policy with a syntax error reports only that error: conversion errors found
                // before it are consequences of reading a broken policy.
                var syntaxError = _panicError!;
                _errors.RemoveRange(errorsBefore, _errors.Count - errorsBefore);
                _errors.Add(syntaxError);
                RecoverToPolicyEnd(startPos);
            }
            else if (policy is not null && _errors.Count == errorsBefore)
            {
                policies.Add(policy);
            }
        }

        return policies;
    }

    public Expr? ParseStandaloneExpression()
    {
        _slotsAllowed = true;
        var e = ParseExpr();
        if (!_panic)
        {
            ExpectEnd();
        }

        return _errors.Count == 0 ? e : null;
    }

    public EntityUid? ParseStandaloneEntityUid()
    {
        var start = Current.Span;
        var name = ParseNamePath(out var uidId, allowUid: true);
        if (_panic || name is null)
        {
            return null;
        }

        if (uidId is null)
        {
            Error(ParseErrorKind.InvalidEntityUid, SourceSpan.Between(start, PreviousSpan), $"expected an entity uid, found `{name.FullName}`");
            return null;
        }

        ExpectEnd();
        return _errors.Count == 0 ? new EntityUid(name, uidId) : null;
    }

    public Name? ParseStandaloneName()
    {
        var name = ParseNamePath(out var uidId, allowUid: false);
        if (_panic || name is null)
        {
            return null;
        }

        _ = uidId;
        ExpectEnd();
        return _errors.Count == 0 ? name : null;
    }

    private void ExpectEnd()
    {
        if (Current.Kind != TokenKind.EndOfInput)
        {
            Unexpected();
        }
    }

    private void RecoverToPolicyEnd(int startPos)
    {
        // Skip to the `;` that ends the broken policy; always make progress.
        if (_pos == startPos && Current.Kind != TokenKind.EndOfInput)
        {
            if (Current.Kind == TokenKind.Semicolon)
            {
                _pos++;
                return;
            }
        }

        while (Current.Kind != TokenKind.EndOfInput && Current.Kind != TokenKind.Semicolon)
        {
            _pos++;
        }

        if (Current.Kind == TokenKind.Semicolon)
        {
            _pos++;
        }
    }

    // ---------------------------------------------------------------- errors

    private void Error(ParseErrorKind kind, SourceSpan span, string message) => _errors.Add(new ParseError(kind, span, message));

    /// <summary>Reports a syntax error at the current token and enters panic mode (once per policy).</summary>
    private void Unexpected()
    {
        if (_panic)
        {
            return;
        }

        _panic = true;
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.EndOfInput:
                // Like Cedar, point just after the last token rather than after trailing whitespace and comments.
                Error(ParseErrorKind.UnexpectedEndOfInput, new SourceSpan(_pos > 0 ? _tokens[_pos - 1].Span.End : t.Span.Start, 0), "unexpected end of input");
                break;
            case TokenKind.Invalid:
                Error(ParseErrorKind.InvalidCharacter, t.Span, "invalid token");
                break;
            case TokenKind.UnterminatedString:
                Error(ParseErrorKind.UnterminatedString, t.Span, "invalid token (unterminated string literal)");
                break;
            default:
                Error(ParseErrorKind.UnexpectedToken, t.Span, $"unexpected token `{t.Text}`");
                break;
        }

        _panicError = _errors[^1];
    }

    private bool Expect(TokenKind kind)
    {
        if (_panic)
        {
            return false;
        }

        if (Current.Kind == kind)
        {
            _pos++;
            return true;
        }

        Unexpected();
        return false;
    }

    private bool Accept(TokenKind kind)
    {
        if (!_panic && Current.Kind == kind)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private static Expr Placeholder(SourceSpan span) => new LiteralExpr(BoolValue.False) { Span = span };

    /// <summary>Checks an identifier used as an attribute, record key or name component.</summary>
    private bool CheckIdentifier(Token ident)
    {
        if (s_reserved.Contains(ident.Text))
        {
            Error(ParseErrorKind.ReservedIdentifier, ident.Span, "this identifier is reserved and cannot be used: " + ident.Text);
            return false;
        }

        if (ident.Text == "__cedar")
        {
            Error(ParseErrorKind.ReservedIdentifier, ident.Span, "The name `__cedar` contains `__cedar`, which is reserved");
            return false;
        }

        return true;
    }

    /// <summary>Checks a (possibly namespaced) name: no reserved component, no <c>__cedar</c> component.</summary>
    private bool CheckName(List<Token> parts)
    {
        foreach (var p in parts)
        {
            if (s_reserved.Contains(p.Text))
            {
                Error(ParseErrorKind.ReservedIdentifier, p.Span, "this identifier is reserved and cannot be used: " + p.Text);
                return false;
            }
        }

        foreach (var p in parts)
        {
            if (p.Text == "__cedar")
            {
                var full = string.Join("::", parts.Select(x => x.Text));
                Error(ParseErrorKind.ReservedIdentifier, SourceSpan.Between(parts[0].Span, parts[^1].Span), $"The name `{full}` contains `__cedar`, which is reserved");
                return false;
            }
        }

        return true;
    }

    private static Name ToName(List<Token> parts) =>
        parts.Count == 1 ? new Name(parts[0].Text) : new Name(parts[^1].Text, parts.Take(parts.Count - 1).Select(p => p.Text).ToArray());

    // ---------------------------------------------------------------- policies

    private Policy? ParsePolicy(string id)
    {
        var start = Current.Span;
        var annotations = new List<Annotation>();
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        while (Current.Kind == TokenKind.At)
        {
            var atSpan = Current.Span;
            _pos++;
            if (Current.Kind != TokenKind.Identifier)
            {
                Unexpected();
                return null;
            }

            var key = Current.Text;
            _pos++;
            string? value = null;
            if (Accept(TokenKind.LeftParen))
            {
                if (Current.Kind != TokenKind.String)
                {
                    Unexpected();
                    return null;
                }

                var strTok = Current;
                _pos++;
                if (!Expect(TokenKind.RightParen))
                {
                    return null;
                }

                value = DecodeString(strTok, SourceSpan.Between(atSpan, PreviousSpan)) ?? "";
            }

            var span = SourceSpan.Between(atSpan, PreviousSpan);
            if (!seenKeys.Add(key))
            {
                Error(ParseErrorKind.DuplicateAnnotation, span, "duplicate annotation: @" + key);
            }

            annotations.Add(new Annotation(key, value) { Span = span });
        }

        if (Current.Kind != TokenKind.Identifier)
        {
            Unexpected();
            return null;
        }

        var effectTok = Current;
        _pos++;
        var effect = Effect.Permit;
        if (effectTok.Text == "forbid")
        {
            effect = Effect.Forbid;
        }
        else if (effectTok.Text != "permit")
        {
            Error(ParseErrorKind.UnexpectedToken, effectTok.Span, "invalid policy effect: " + effectTok.Text);
        }

        if (!Expect(TokenKind.LeftParen))
        {
            return null;
        }

        var scopeStart = PreviousSpan;
        var defs = new List<VariableDef>();
        _slotsAllowed = true;
        while (Current.Kind != TokenKind.RightParen)
        {
            var def = ParseVariableDef();
            if (_panic || def is null)
            {
                return null;
            }

            defs.Add(def);
            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }

        _slotsAllowed = false;
        if (!Expect(TokenKind.RightParen))
        {
            return null;
        }

        var (principal, action, resource) = ConvertScope(defs, PreviousSpan, scopeStart);

        var conditions = new List<Condition>();
        while (Current.Kind == TokenKind.Identifier)
        {
            var kwTok = Current;
            _pos++;
            var isWhen = true;
            if (kwTok.Text == "unless")
            {
                isWhen = false;
            }
            else if (kwTok.Text != "when")
            {
                Error(ParseErrorKind.UnexpectedToken, kwTok.Span, "invalid policy condition: " + kwTok.Text);
            }

            _clauseName = kwTok.Text == "unless" ? "unless" : "when";
            if (!Expect(TokenKind.LeftBrace))
            {
                return null;
            }

            if (Current.Kind == TokenKind.RightBrace)
            {
                Error(ParseErrorKind.UnexpectedToken, SourceSpan.Between(kwTok.Span, Current.Span), $"`{_clauseName}` condition clause cannot be empty");
                _pos++;
                continue;
            }

            var body = ParseExpr();
            if (!Expect(TokenKind.RightBrace))
            {
                return null;
            }

            conditions.Add(new Condition(isWhen, body) { Span = SourceSpan.Between(kwTok.Span, PreviousSpan) });
        }

        if (!Expect(TokenKind.Semicolon))
        {
            return null;
        }

        if (principal is null || action is null || resource is null)
        {
            return null;
        }

        return new Policy(id, effect, annotations, principal, action, resource, conditions) { Span = SourceSpan.Between(start, PreviousSpan) };
    }

    private sealed record VariableDef(Token Variable, SourceSpan Span, Token? TypeColon, Name? IsType, SourceSpan IsSpan, Token? Op, Expr? Target, SourceSpan TargetSpan, bool TargetHasErrors);

    private VariableDef? ParseVariableDef()
    {
        if (Current.Kind != TokenKind.Identifier)
        {
            Unexpected();
            return null;
        }

        var variable = Current;
        _pos++;
        Token? typeColon = null;
        if (Current.Kind == TokenKind.Colon)
        {
            typeColon = Current;
            _pos++;
            var typeStart = Current.Span;
            ParseNamePath(out _, allowUid: false);
            if (_panic)
            {
                return null;
            }

            Error(ParseErrorKind.InvalidScope, SourceSpan.Between(typeStart, PreviousSpan), "type constraints using `:` are not supported");
        }

        Name? isType = null;
        var isSpan = default(SourceSpan);
        if (Current.IsIdentifier("is"))
        {
            _pos++;
            var typeStart = Current.Span;
            isType = ParseIsType();
            if (_panic)
            {
                return null;
            }

            isSpan = SourceSpan.Between(typeStart, PreviousSpan);
        }

        Token? op = null;
        Expr? target = null;
        var targetSpan = default(SourceSpan);
        var targetHasErrors = false;
        if (IsRelOp(Current))
        {
            op = Current;
            _pos++;
            var targetStart = Current.Span;
            var errorsBefore = _errors.Count;
            target = ParseExpr();
            targetHasErrors = _errors.Count > errorsBefore;
            if (_panic)
            {
                return null;
            }

            targetSpan = SourceSpan.Between(targetStart, PreviousSpan);
        }

        return new VariableDef(variable, SourceSpan.Between(variable.Span, PreviousSpan), typeColon, isType, isSpan, op, target, targetSpan, targetHasErrors);
    }

    private (ScopeConstraint? Principal, ActionConstraint? Action, ScopeConstraint? Resource) ConvertScope(List<VariableDef> defs, SourceSpan closeParen, SourceSpan openParen)
    {
        string[] expected = ["principal", "action", "resource"];
        ScopeConstraint? principal = null;
        ActionConstraint? action = null;
        ScopeConstraint? resource = null;
        for (var i = 0; i < defs.Count; i++)
        {
            var def = defs[i];
            if (i >= 3)
            {
                Error(ParseErrorKind.InvalidScope, def.Span, "this policy has an extra element in the scope: " + _text.Substring(def.Span.Start, def.Span.Length));
                continue;
            }

            if (def.Variable.Text != expected[i])
            {
                var found = def.Variable.Text is "principal" or "action" or "resource" or "context"
                    ? $"found the variable `{def.Variable.Text}` where the variable `{expected[i]}` must be used"
                    : $"expected the variable `{expected[i]}`, found `{def.Variable.Text}`";
                Error(ParseErrorKind.InvalidScope, def.Variable.Span, found);
                break;
            }

            if (i == 1)
            {
                action = ConvertActionScope(def);
            }
            else
            {
                var converted = ConvertPrincipalOrResourceScope(def, i == 0 ? SlotId.Principal : SlotId.Resource);
                if (i == 0)
                {
                    principal = converted;
                }
                else
                {
                    resource = converted;
                }
            }
        }

        if (defs.Count < 3)
        {
            // Cedar names only the first missing variable, at the end of the last one written (or at the parenthesis).
            var at = defs.Count == 0 ? openParen.Start : defs[^1].Span.End;
            Error(ParseErrorKind.InvalidScope, new SourceSpan(at, 0), $"this policy is missing the `{expected[defs.Count]}` variable in the scope");
        }

        _ = closeParen;
        return (principal, action, resource);
    }

    private ScopeConstraint? ConvertPrincipalOrResourceScope(VariableDef def, SlotId slot)
    {
        if (def.TypeColon is not null || def.TargetHasErrors)
        {
            return null;
        }

        if (def.Op is null)
        {
            return def.IsType is null
                ? new ScopeConstraint(ScopeOp.Any) { Span = def.Span }
                : new ScopeConstraint(ScopeOp.Is, null, def.IsType) { Span = def.Span };
        }

        var op = def.Op.Value;
        if (op.Kind == TokenKind.EqualEqual && def.IsType is not null)
        {
            Error(ParseErrorKind.InvalidScope, def.Span, "`is` cannot be used together with `==`");
            return null;
        }

        if (!(op.Kind == TokenKind.EqualEqual || op.IsIdentifier("in")))
        {
            Error(ParseErrorKind.InvalidScope, def.Span, "invalid operator in the policy scope: " + op.Text);
            return null;
        }

        var reference = ToScopeEntity(def.Target!, def.TargetSpan, slot);
        if (reference is null)
        {
            return null;
        }

        var scopeOp = op.Kind == TokenKind.EqualEqual ? ScopeOp.Eq : def.IsType is null ? ScopeOp.In : ScopeOp.IsIn;
        return new ScopeConstraint(scopeOp, reference, def.IsType) { Span = def.Span };
    }

    private EntityReference? ToScopeEntity(Expr target, SourceSpan span, SlotId slot)
    {
        switch (target)
        {
            case LiteralExpr { Value: EntityValue ev }:
                return EntityReference.Of(ev.Uid);
            case SlotExpr s when s.Slot == slot:
                return EntityReference.OfSlot(slot);
            case SlotExpr s:
                var (found, want) = s.Slot == SlotId.Principal ? ("?principal", "?resource") : ("?resource", "?principal");
                Error(ParseErrorKind.InvalidSlot, span, $"expected an entity uid or matching template slot, found {found} instead of {want}");
                return null;
            case SetExpr:
                Error(ParseErrorKind.InvalidScope, span, "expected single entity uid or template slot, found set of entity uids");
                return null;
            default:
                Error(ParseErrorKind.InvalidScope, span, "expected an entity uid or matching template slot, found " + Describe(target, span));
                return null;
        }
    }

    private string Describe(Expr e, SourceSpan span) => e switch
    {
        LiteralExpr => "literal `" + _text.Substring(span.Start, span.Length) + "`",
        VarExpr => "name `" + _text.Substring(span.Start, span.Length) + "`",
        _ => "`" + _text.Substring(span.Start, span.Length) + "`",
    };

    private ActionConstraint? ConvertActionScope(VariableDef def)
    {
        if (def.TypeColon is not null || def.TargetHasErrors)
        {
            return null;
        }

        if (def.IsType is not null)
        {
            Error(ParseErrorKind.InvalidScope, def.Span, "`is` cannot appear in the action scope");
            return null;
        }

        if (def.Op is null)
        {
            return new ActionConstraint(ActionScopeOp.Any, [], false) { Span = def.Span };
        }

        var op = def.Op.Value;
        var isIn = op.IsIdentifier("in");
        if (!(op.Kind == TokenKind.EqualEqual || isIn))
        {
            Error(ParseErrorKind.InvalidScope, def.Span, "invalid operator in the action scope: " + op.Text);
            return null;
        }

        if (isIn && def.Target is SetExpr set)
        {
            var uids = new List<EntityUid>(set.Elements.Count);
            var ok = true;
            foreach (var element in set.Elements)
            {
                var uid = ToActionUid(element, element.Span, def.TargetSpan);
                if (uid is null)
                {
                    ok = false;
                }
                else
                {
                    uids.Add(uid);
                }
            }

            return ok ? new ActionConstraint(ActionScopeOp.In, uids, true) { Span = def.Span } : null;
        }

        if (def.Target is SetExpr)
        {
            Error(ParseErrorKind.InvalidScope, def.TargetSpan, "expected single entity uid, found set of entity uids");
            return null;
        }

        var single = ToActionUid(def.Target!, def.TargetSpan, def.TargetSpan);
        return single is null ? null : new ActionConstraint(isIn ? ActionScopeOp.In : ActionScopeOp.Eq, [single], false) { Span = def.Span };
    }

    private EntityUid? ToActionUid(Expr e, SourceSpan span, SourceSpan typeErrorSpan)
    {
        switch (e)
        {
            case LiteralExpr { Value: EntityValue ev }:
                if (ev.Uid.Type.Basename != "Action")
                {
                    Error(ParseErrorKind.InvalidScope, typeErrorSpan, $"expected an entity uid with type `Action` but got `{ev.Uid}`");
                    return null;
                }

                return ev.Uid;
            case SlotExpr:
                Error(ParseErrorKind.InvalidSlot, span, "expected single entity uid, found template slot");
                return null;
            default:
                Error(ParseErrorKind.InvalidScope, span, "expected an entity uid, found " + Describe(e, span));
                return null;
        }
    }

    // ---------------------------------------------------------------- expressions

    private static bool IsRelOp(Token t) => t.Kind is TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessEqual
        or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.Assign || t.IsIdentifier("in");

    private Expr ParseExpr()
    {
        var start = Current.Span;
        if (_panic)
        {
            return Placeholder(start);
        }

        if (_depth >= MaxNesting || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Error(ParseErrorKind.NestingTooDeep, start, $"expression nesting is deeper than the limit of {MaxNesting}");
            _panic = true;
            _panicError = _errors[^1];
            return Placeholder(start);
        }

        _depth++;
        try
        {
            if (Current.IsIdentifier("if"))
            {
                _pos++;
                var cond = ParseExpr();
                if (!_panic && !Current.IsIdentifier("then"))
                {
                    Unexpected();
                }

                _pos += _panic ? 0 : 1;
                var then = ParseExpr();
                if (!_panic && !Current.IsIdentifier("else"))
                {
                    Unexpected();
                }

                _pos += _panic ? 0 : 1;
                var @else = ParseExpr();
                return new IfExpr(cond, then, @else) { Span = SourceSpan.Between(start, PreviousSpan) };
            }

            return ParseOr();
        }
        finally
        {
            _depth--;
        }
    }

    private Expr ParseOr()
    {
        var start = Current.Span;
        var left = ParseAnd();
        while (!_panic && Current.Kind == TokenKind.OrOr)
        {
            _pos++;
            var right = ParseAnd();
            left = new OrExpr(left, right) { Span = SourceSpan.Between(start, PreviousSpan) };
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var start = Current.Span;
        var left = ParseRelation();
        while (!_panic && Current.Kind == TokenKind.AndAnd)
        {
            _pos++;
            var right = ParseRelation();
            left = new AndExpr(left, right) { Span = SourceSpan.Between(start, PreviousSpan) };
        }

        return left;
    }

    private Expr ParseRelation()
    {
        var start = Current.Span;
        var left = ParseAdd();
        if (_panic)
        {
            return left;
        }

        var t = Current;
        if (IsRelOp(t))
        {
            var count = 0;
            Expr result = left;
            while (!_panic && IsRelOp(Current))
            {
                var opTok = Current;
                _pos++;
                var right = ParseAdd();
                count++;
                if (count == 1)
                {
                    if (opTok.Kind == TokenKind.Assign)
                    {
                        Error(ParseErrorKind.UnexpectedToken, SourceSpan.Between(start, PreviousSpan), "'=' is not a valid operator in Cedar");
                    }

                    var op = opTok.Kind switch
                    {
                        TokenKind.EqualEqual => BinaryOp.Eq,
                        TokenKind.NotEqual => BinaryOp.NotEq,
                        TokenKind.Less => BinaryOp.Less,
                        TokenKind.LessEqual => BinaryOp.LessEq,
                        TokenKind.Greater => BinaryOp.Greater,
                        TokenKind.GreaterEqual => BinaryOp.GreaterEq,
                        _ => BinaryOp.In,
                    };
                    result = new BinaryExpr(op, left, right) { Span = SourceSpan.Between(start, PreviousSpan) };
                }
                else if (count == 2)
                {
                    Error(ParseErrorKind.UnexpectedToken, SourceSpan.Between(start, PreviousSpan), "multiple relational operators (>, ==, in, etc.) must be used with parentheses to make ordering explicit");
                }
            }

            return result;
        }

        if (t.IsIdentifier("has"))
        {
            _pos++;
            var path = ParseHasPath();
            return path is null ? Placeholder(start) : new HasAttrExpr(left, path) { Span = SourceSpan.Between(start, PreviousSpan) };
        }

        if (t.IsIdentifier("like"))
        {
            _pos++;
            var pattern = ParseLikePattern();
            return pattern is null ? Placeholder(start) : new LikeExpr(left, pattern) { Span = SourceSpan.Between(start, PreviousSpan) };
        }

        if (t.IsIdentifier("is"))
        {
            _pos++;
            var type = ParseIsType();
            Expr? inEntity = null;
            if (!_panic && Current.IsIdentifier("in"))
            {
                _pos++;
                inEntity = ParseAdd();
            }

            return type is null ? Placeholder(start) : new IsExpr(left, type, inEntity) { Span = SourceSpan.Between(start, PreviousSpan) };
        }

        return left;
    }

    private static bool StartsMemberAccess(Token t) => t.Kind is TokenKind.Dot or TokenKind.LeftBracket or TokenKind.LeftParen or TokenKind.DoubleColon;

    private List<string>? ParseHasPath()
    {
        var start = Current.Span;
        if (Current.Kind == TokenKind.String && !StartsMemberAccess(PeekAt(1)))
        {
            var tok = Current;
            _pos++;
            var s = DecodeString(tok, tok.Span);
            return s is null ? null : [s];
        }

        if (Current.Kind == TokenKind.Identifier)
        {
            var parts = new List<Token> { Current };
            var i = 1;
            while (PeekAt(i).Kind == TokenKind.Dot && PeekAt(i + 1).Kind == TokenKind.Identifier)
            {
                parts.Add(PeekAt(i + 1));
                i += 2;
            }

            if (!StartsMemberAccess(PeekAt(i)))
            {
                _pos += i;
                var ok = true;
                foreach (var p in parts)
                {
                    ok &= CheckIdentifier(p);
                }

                return ok ? parts.Select(p => p.Text).ToList() : null;
            }
        }

        var fallbackErrors = _errors.Count;
        ParseAdd();
        if (!_panic && _errors.Count == fallbackErrors)
        {
            var span = SourceSpan.Between(start, PreviousSpan);
            Error(ParseErrorKind.UnexpectedToken, span, "invalid RHS of a `has` operation: " + _text.Substring(span.Start, span.Length));
        }

        return null;
    }

    private Pattern? ParseLikePattern()
    {
        var start = Current.Span;
        if (Current.Kind == TokenKind.String && !StartsMemberAccess(PeekAt(1)))
        {
            var tok = Current;
            _pos++;
            var segments = CedarStringLiteral.DecodePattern(tok.Text[1..^1], out var bad);
            if (segments is null)
            {
                Error(ParseErrorKind.InvalidEscape, tok.Span, $"the input `{bad}` is not a valid escape");
                return null;
            }

            return new Pattern(segments);
        }

        var fallbackErrors = _errors.Count;
        ParseAdd();
        if (!_panic && _errors.Count == fallbackErrors)
        {
            var span = SourceSpan.Between(start, PreviousSpan);
            Error(ParseErrorKind.InvalidPattern, span, "right hand side of a `like` expression must be a pattern literal, but got `" + _text.Substring(span.Start, span.Length) + "`");
        }

        return null;
    }

    private Name? ParseIsType()
    {
        var start = Current.Span;
        if (Current.Kind == TokenKind.Identifier)
        {
            var parts = new List<Token> { Current };
            var i = 1;
            while (PeekAt(i).Kind == TokenKind.DoubleColon && PeekAt(i + 1).Kind == TokenKind.Identifier)
            {
                parts.Add(PeekAt(i + 1));
                i += 2;
            }

            if (!StartsMemberAccess(PeekAt(i)))
            {
                _pos += i;
                if (parts.Count == 1 && parts[0].Text is "true" or "false")
                {
                    Error(ParseErrorKind.UnexpectedToken, parts[0].Span, $"right hand side of an `is` expression must be an entity type name, but got `{parts[0].Text}`");
                    return null;
                }

                return CheckName(parts) ? ToName(parts) : null;
            }
        }

        var fallbackErrors = _errors.Count;
        ParseAdd();
        if (!_panic && _errors.Count == fallbackErrors)
        {
            var span = SourceSpan.Between(start, PreviousSpan);
            Error(ParseErrorKind.UnexpectedToken, span, "right hand side of an `is` expression must be an entity type name, but got `" + _text.Substring(span.Start, span.Length) + "`");
        }

        return null;
    }

    private Expr ParseAdd()
    {
        var start = Current.Span;
        var left = ParseMult();
        while (!_panic && Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Current.Kind == TokenKind.Plus ? BinaryOp.Add : BinaryOp.Sub;
            _pos++;
            var right = ParseMult();
            left = new BinaryExpr(op, left, right) { Span = SourceSpan.Between(start, PreviousSpan) };
        }

        return left;
    }

    private Expr ParseMult()
    {
        var start = Current.Span;
        var left = ParseUnary();
        while (!_panic && Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var opKind = Current.Kind;
            _pos++;
            var right = ParseUnary();
            var span = SourceSpan.Between(start, PreviousSpan);
            if (opKind == TokenKind.Slash)
            {
                Error(ParseErrorKind.UnexpectedToken, span, "division is not supported");
            }
            else if (opKind == TokenKind.Percent)
            {
                Error(ParseErrorKind.UnexpectedToken, span, "remainder/modulo is not supported");
            }

            left = new BinaryExpr(BinaryOp.Mul, left, right) { Span = span };
        }

        return left;
    }

    private Expr ParseUnary()
    {
        var start = Current.Span;
        if (_panic)
        {
            return Placeholder(start);
        }

        var kind = Current.Kind;
        if (kind is not (TokenKind.Bang or TokenKind.Minus))
        {
            return ParseMember();
        }

        var count = 0;
        while (Current.Kind == kind)
        {
            count++;
            _pos++;
        }

        Expr operand;
        var remaining = count;
        if (kind == TokenKind.Minus && Current.Kind == TokenKind.Integer && !StartsMemberAccess(PeekAt(1)))
        {
            // `-N` is a negative literal, which is how -9223372036854775808 can be written.
            var tok = Current;
            _pos++;
            operand = ParseIntegerLiteral(tok, negate: true, SourceSpan.Between(_tokens[_pos - 2].Span, tok.Span));
            remaining--;
        }
        else
        {
            operand = ParseMember();
        }

        if (count > MaxUnaryRepeat)
        {
            Error(ParseErrorKind.UnexpectedToken, SourceSpan.Between(start, PreviousSpan), $"too many occurrences of `{(kind == TokenKind.Bang ? '!' : '-')}`");
        }

        for (var i = 0; i < remaining; i++)
        {
            operand = new UnaryExpr(kind == TokenKind.Bang ? UnaryOp.Not : UnaryOp.Neg, operand) { Span = SourceSpan.Between(start, PreviousSpan) };
        }

        return operand;
    }

    private Expr ParseIntegerLiteral(Token tok, bool negate, SourceSpan span)
    {
        if (!ulong.TryParse(tok.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var magnitude))
        {
            Error(ParseErrorKind.IntegerLiteralOutOfRange, span, "integer parse error: number too large to fit in target type");
            return Placeholder(span);
        }

        if (negate ? magnitude > 9223372036854775808UL : magnitude > long.MaxValue)
        {
            Error(ParseErrorKind.IntegerLiteralOutOfRange, span, $"integer literal `{tok.Text}` is too large");
            return Placeholder(span);
        }

        var value = negate ? (long)(0UL - magnitude) : (long)magnitude;
        return new LiteralExpr(Value.Long(value)) { Span = span };
    }

    /// <summary>What a primary turned out to be: an expression, or a bare name that only a call can give meaning to.</summary>
    private readonly record struct Primary(Expr? Expr, List<Token>? NameParts, SourceSpan Span);

    private Expr ParseMember()
    {
        var start = Current.Span;
        var primary = ParsePrimary();
        if (_panic)
        {
            return Placeholder(start);
        }

        Expr current = primary.Expr ?? Placeholder(primary.Span);
        if (primary.NameParts is { } nameParts)
        {
            if (Current.Kind == TokenKind.LeftParen)
            {
                var args = ParseArguments();
                if (_panic)
                {
                    return Placeholder(start);
                }

                current = ConvertFunctionCall(nameParts, args, SourceSpan.Between(start, PreviousSpan)) ?? Placeholder(start);
            }
            else
            {
                current = ConvertBareName(nameParts, primary.Span, Current.Kind is TokenKind.Dot or TokenKind.LeftBracket) ?? Placeholder(start);
            }
        }

        while (!_panic)
        {
            switch (Current.Kind)
            {
                case TokenKind.Dot:
                    {
                        _pos++;
                        if (Current.Kind != TokenKind.Identifier)
                        {
                            Unexpected();
                            return Placeholder(start);
                        }

                        var attr = Current;
                        _pos++;
                        if (Current.Kind == TokenKind.LeftParen)
                        {
                            var args = ParseArguments();
                            if (_panic)
                            {
                                return Placeholder(start);
                            }

                            current = ConvertMethodCall(current, attr, args, SourceSpan.Between(start, PreviousSpan)) ?? Placeholder(start);
                        }
                        else
                        {
                            CheckIdentifier(attr);
                            current = new GetAttrExpr(current, attr.Text) { Span = SourceSpan.Between(start, PreviousSpan) };
                        }

                        break;
                    }

                case TokenKind.LeftBracket:
                    {
                        _pos++;
                        string? key = null;
                        if (Current.Kind == TokenKind.String && PeekAt(1).Kind == TokenKind.RightBracket)
                        {
                            key = DecodeString(Current, Current.Span);
                            _pos++;
                        }
                        else
                        {
                            var keyStart = Current.Span;
                            ParseExpr();
                            if (!_panic)
                            {
                                var span = SourceSpan.Between(keyStart, PreviousSpan);
                                Error(ParseErrorKind.UnexpectedToken, span, "invalid string literal: " + _text.Substring(span.Start, span.Length));
                            }
                        }

                        if (!Expect(TokenKind.RightBracket))
                        {
                            return Placeholder(start);
                        }

                        current = key is null ? Placeholder(start) : new GetAttrExpr(current, key) { Span = SourceSpan.Between(start, PreviousSpan) };
                        break;
                    }

                case TokenKind.LeftParen:
                    {
                        ParseArguments();
                        if (!_panic)
                        {
                            Error(ParseErrorKind.InvalidFunctionOrMethod, SourceSpan.Between(start, PreviousSpan), "function calls must be of the form `<name>(arg1, arg2, ...)`");
                        }

                        current = Placeholder(start);
                        break;
                    }

                default:
                    return current;
            }
        }

        return Placeholder(start);
    }

    private List<Expr> ParseArguments()
    {
        var args = new List<Expr>();
        Expect(TokenKind.LeftParen);
        while (!_panic && Current.Kind != TokenKind.RightParen)
        {
            args.Add(ParseExpr());
            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }

        Expect(TokenKind.RightParen);
        return args;
    }

    private Expr? ConvertBareName(List<Token> parts, SourceSpan span, bool followedByAccess)
    {
        if (parts.Count == 1)
        {
            var var = parts[0].Text switch
            {
                "principal" => Var.Principal,
                "action" => Var.Action,
                "resource" => Var.Resource,
                "context" => Var.Context,
                _ => (Var?)null,
            };
            if (var is { } v)
            {
                return new VarExpr(v) { Span = span };
            }

            if (!CheckIdentifier(parts[0]))
            {
                return null;
            }
        }
        else if (!CheckName(parts))
        {
            return null;
        }

        var text = string.Join("::", parts.Select(p => p.Text));
        if (followedByAccess)
        {
            var access = Current.Kind == TokenKind.Dot && PeekAt(1).Kind == TokenKind.Identifier ? "." + PeekAt(1).Text : "[...]";
            Error(ParseErrorKind.UnexpectedToken, SourceSpan.Between(span, PeekAt(1).Span), $"invalid member access `{text}{access}`, `{text}` has no fields or methods");
        }
        else
        {
            Error(ParseErrorKind.UnexpectedToken, span, "invalid variable: " + text);
        }

        return null;
    }

    private Expr? ConvertFunctionCall(List<Token> parts, List<Expr> args, SourceSpan span)
    {
        if (!CheckName(parts))
        {
            return null;
        }

        var text = string.Join("::", parts.Select(p => p.Text));
        if (parts.Count == 1)
        {
            var name = parts[0].Text;
            if (s_extensionFunctions.Contains(name))
            {
                return new ExtensionCallExpr(name, args) { Span = span };
            }

            if (name is "principal" or "action" or "resource" or "context")
            {
                Error(ParseErrorKind.InvalidFunctionOrMethod, span, $"`{name}(...)` is not a valid function call");
                return null;
            }

            if (s_extensionMethods.Contains(name) || IsBuiltinMethod(name))
            {
                Error(ParseErrorKind.InvalidFunctionOrMethod, span, $"`{name}` is a method, not a function");
                return null;
            }
        }

        Error(ParseErrorKind.InvalidFunctionOrMethod, span, $"`{text}` is not a valid function");
        return null;
    }

    private static bool IsBuiltinMethod(string name) => name is "contains" or "containsAll" or "containsAny" or "isEmpty" or "getTag" or "hasTag";

    private Expr? ConvertMethodCall(Expr receiver, Token method, List<Expr> args, SourceSpan span)
    {
        var name = method.Text;
        if (s_reserved.Contains(name))
        {
            CheckIdentifier(method);
            return null;
        }

        if (IsBuiltinMethod(name))
        {
            var arity = name == "isEmpty" ? 0 : 1;
            if (args.Count != arity)
            {
                Error(ParseErrorKind.WrongArgumentCount, span, $"call to `{name}` requires exactly {arity} argument{(arity == 1 ? "" : "s")}, but got {args.Count} argument{(args.Count == 1 ? "" : "s")}");
                return null;
            }

            return name switch
            {
                "isEmpty" => new UnaryExpr(UnaryOp.IsEmpty, receiver) { Span = span },
                "contains" => new BinaryExpr(BinaryOp.Contains, receiver, args[0]) { Span = span },
                "containsAll" => new BinaryExpr(BinaryOp.ContainsAll, receiver, args[0]) { Span = span },
                "containsAny" => new BinaryExpr(BinaryOp.ContainsAny, receiver, args[0]) { Span = span },
                "getTag" => new BinaryExpr(BinaryOp.GetTag, receiver, args[0]) { Span = span },
                _ => new BinaryExpr(BinaryOp.HasTag, receiver, args[0]) { Span = span },
            };
        }

        if (s_extensionMethods.Contains(name))
        {
            return new ExtensionCallExpr(name, [receiver, .. args]) { Span = span };
        }

        if (s_extensionFunctions.Contains(name))
        {
            Error(ParseErrorKind.InvalidFunctionOrMethod, span, $"`{name}` is a function, not a method");
            return null;
        }

        Error(ParseErrorKind.InvalidFunctionOrMethod, span, $"`{name}` is not a valid method");
        return null;
    }

    private Primary ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Integer:
                _pos++;
                return new Primary(ParseIntegerLiteral(t, negate: false, t.Span), null, t.Span);
            case TokenKind.String:
                {
                    _pos++;
                    var s = DecodeString(t, t.Span);
                    return new Primary(s is null ? null : new LiteralExpr(Value.String(s)) { Span = t.Span }, null, t.Span);
                }

            case TokenKind.Slot:
                {
                    _pos++;
                    SlotId? slot = t.Text switch
                    {
                        "?principal" => SlotId.Principal,
                        "?resource" => SlotId.Resource,
                        _ => null,
                    };
                    if (slot is null)
                    {
                        Error(ParseErrorKind.InvalidSlot, t.Span, $"`{t.Text}` is not a valid template slot");
                        return new Primary(null, null, t.Span);
                    }

                    if (!_slotsAllowed)
                    {
                        Error(ParseErrorKind.InvalidSlot, t.Span, $"found template slot {t.Text} in a `{_clauseName}` clause");
                        return new Primary(null, null, t.Span);
                    }

                    return new Primary(new SlotExpr(slot.Value) { Span = t.Span }, null, t.Span);
                }

            case TokenKind.LeftParen:
                {
                    _pos++;
                    var inner = ParseExpr();
                    Expect(TokenKind.RightParen);
                    return new Primary(inner, null, SourceSpan.Between(t.Span, PreviousSpan));
                }

            case TokenKind.LeftBracket:
                {
                    _pos++;
                    var elements = new List<Expr>();
                    while (!_panic && Current.Kind != TokenKind.RightBracket)
                    {
                        elements.Add(ParseExpr());
                        if (!Accept(TokenKind.Comma))
                        {
                            break;
                        }
                    }

                    Expect(TokenKind.RightBracket);
                    var span = SourceSpan.Between(t.Span, PreviousSpan);
                    return new Primary(new SetExpr(elements) { Span = span }, null, span);
                }

            case TokenKind.LeftBrace:
                return ParseRecord();
            case TokenKind.Identifier:
                return ParseNamePrimary();
            default:
                Unexpected();
                return new Primary(null, null, t.Span);
        }
    }

    private Primary ParseRecord()
    {
        var open = Current.Span;
        _pos++;
        var attributes = new List<KeyValuePair<string, Expr>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? duplicateKey = null;
        while (!_panic && Current.Kind != TokenKind.RightBrace)
        {
            string? key = null;
            if (Current.Kind is TokenKind.Identifier && PeekAt(1).Kind == TokenKind.Colon)
            {
                if (CheckIdentifier(Current))
                {
                    key = Current.Text;
                }

                _pos++;
            }
            else if (Current.Kind is TokenKind.String && PeekAt(1).Kind == TokenKind.Colon)
            {
                key = DecodeString(Current, Current.Span);
                _pos++;
            }
            else
            {
                var keyStart = Current.Span;
                ParseExpr();
                if (!_panic)
                {
                    var span = SourceSpan.Between(keyStart, PreviousSpan);
                    Error(ParseErrorKind.UnexpectedToken, span, "invalid record key: " + _text.Substring(span.Start, span.Length));
                }
            }

            if (!Expect(TokenKind.Colon))
            {
                break;
            }

            var value = ParseExpr();
            if (key is not null)
            {
                if (!seen.Add(key))
                {
                    duplicateKey ??= key;
                }
                else
                {
                    attributes.Add(new(key, value));
                }
            }

            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }

        Expect(TokenKind.RightBrace);
        var recordSpan = SourceSpan.Between(open, PreviousSpan);
        if (duplicateKey is not null && !_panic)
        {
            Error(ParseErrorKind.DuplicateRecordKey, recordSpan, $"duplicate key `{duplicateKey}` in record literal");
            return new Primary(null, null, recordSpan);
        }

        return new Primary(new RecordExpr(attributes) { Span = recordSpan }, null, recordSpan);
    }

    private Primary ParseNamePrimary()
    {
        var first = Current;
        if (first.Text is "true" or "false")
        {
            _pos++;
            if (Current.Kind == TokenKind.DoubleColon)
            {
                _pos++;
                Unexpected();
            }

            return new Primary(new LiteralExpr(Value.Bool(first.Text == "true")) { Span = first.Span }, null, first.Span);
        }

        if (first.Text == "if")
        {
            Unexpected();
            return new Primary(null, null, first.Span);
        }

        var name = ParseNamePath(out var uidId, allowUid: true, out var parts);
        var span = SourceSpan.Between(first.Span, PreviousSpan);
        if (_panic)
        {
            return new Primary(null, null, span);
        }

        if (uidId is not null)
        {
            return new Primary(name is null ? null : new LiteralExpr(Value.Entity(new EntityUid(name, uidId))) { Span = span }, null, span);
        }

        return new Primary(null, parts, span);
    }

    private Name? ParseNamePath(out string? uidId, bool allowUid) => ParseNamePath(out uidId, allowUid, out _);

    /// <summary>
    /// Parses <c>A::B::C</c>, and with <paramref name="allowUid"/> also <c>A::B::"id"</c> (then <paramref name="uidId"/> is set).
    /// Returns null (with errors recorded) if a component is reserved.
    /// </summary>
    private Name? ParseNamePath(out string? uidId, bool allowUid, out List<Token> parts)
    {
        uidId = null;
        parts = [];
        if (Current.Kind != TokenKind.Identifier)
        {
            Unexpected();
            return null;
        }

        parts.Add(Current);
        _pos++;
        while (!_panic && Current.Kind == TokenKind.DoubleColon)
        {
            _pos++;
            if (Current.Kind == TokenKind.Identifier)
            {
                parts.Add(Current);
                _pos++;
                continue;
            }

            if (allowUid && Current.Kind == TokenKind.String)
            {
                var idTok = Current;
                _pos++;
                var nameOk = CheckName(parts);
                var id = DecodeString(idTok, idTok.Span);
                if (!nameOk || id is null)
                {
                    uidId = id ?? "";
                    return null;
                }

                uidId = id;
                return ToName(parts);
            }

            if (allowUid && Current.Kind == TokenKind.LeftBrace)
            {
                var braceSpan = Current.Span;
                Unexpected();
                _ = braceSpan;
                return null;
            }

            Unexpected();
            return null;
        }

        if (!allowUid && !CheckName(parts))
        {
            return null;
        }

        return ToName(parts);
    }

    private string? DecodeString(Token tok, SourceSpan errorSpan)
    {
        var value = CedarStringLiteral.Decode(tok.Text[1..^1], out var bad);
        if (value is null)
        {
            Error(ParseErrorKind.InvalidEscape, errorSpan, $"the input `{bad}` is not a valid escape");
        }

        return value;
    }
}
