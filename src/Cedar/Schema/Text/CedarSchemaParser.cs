using System.Runtime.CompilerServices;
using Cedar.Ast;
using Cedar.Parsing;
using Cedar.Schema.Written;

namespace Cedar.Schema.Text;

/// <summary>
/// Parses the human-readable Cedar schema syntax (<c>.cedarschema</c>) into the written model.
/// Syntax errors stop the parse (reported with their span); declaration-level problems
/// (reserved names, duplicates, bad <c>appliesTo</c>) are all collected.
/// </summary>
public sealed class CedarSchemaParser
{
    private const int MaxNesting = 200;

    private static readonly HashSet<string> s_reservedIdentifiers =
        new(["true", "false", "if", "then", "else", "in", "is", "like", "has"], StringComparer.Ordinal);

    private readonly List<SchemaToken> _tokens;
    private readonly List<ParseError> _errors;
    private int _pos;
    private int _depth;

    private CedarSchemaParser(List<SchemaToken> tokens, List<ParseError> errors)
    {
        _tokens = tokens;
        _errors = errors;
    }

    public static ParseResult<SchemaFragment> Parse(string text)
    {
        var errors = new List<ParseError>();
        var tokens = CedarSchemaLexer.Tokenize(text, errors);
        if (errors.Count > 0)
        {
            return ParseResult<SchemaFragment>.Fail(errors);
        }

        var parser = new CedarSchemaParser(tokens, errors);
        SchemaFragment? fragment;
        try
        {
            fragment = parser.ParseSchema();
        }
        catch (SyntaxErrorException)
        {
            fragment = null;
        }

        return errors.Count > 0 || fragment is null ? ParseResult<SchemaFragment>.Fail(errors) : ParseResult<SchemaFragment>.Ok(fragment);
    }

    private SchemaToken Current => _tokens[_pos];

    private SchemaToken Peek(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private SchemaFragment ParseSchema()
    {
        var named = new List<NamespaceDecl>();
        var seen = new Dictionary<string, NamespaceDecl>(StringComparer.Ordinal);
        var unqualified = new NamespaceDecl("", SourceSpan.None);
        var unqualifiedScope = new DeclarationScope();
        while (Current.Kind != SchemaTokenKind.End)
        {
            var annotations = ParseAnnotations();
            if (IsKeyword("namespace"))
            {
                Advance();
                var (path, pathSpan) = ParsePath();
                var ns = new NamespaceDecl(path, pathSpan);
                ns.Annotations.AddRange(annotations);
                if (path.Split("::").Contains("__cedar"))
                {
                    AddReservedNamespaceError(pathSpan);
                }

                if (seen.TryGetValue(path, out var previous))
                {
                    _errors.Add(new(ParseErrorKind.InvalidSchema, pathSpan, $"duplicate namespace id: `{path}`"));
                }
                else
                {
                    seen[path] = ns;
                    named.Add(ns);
                }

                Expect(SchemaTokenKind.LeftBrace, "`{`");
                var scope = new DeclarationScope();
                while (Current.Kind != SchemaTokenKind.RightBrace)
                {
                    var declAnnotations = ParseAnnotations();
                    ParseDeclaration(ns, scope, declAnnotations);
                }

                Advance();
            }
            else
            {
                ParseDeclaration(unqualified, unqualifiedScope, annotations);
            }
        }

        var all = new List<NamespaceDecl>();
        if (unqualified.CommonTypes.Count + unqualified.EntityTypes.Count + unqualified.Actions.Count > 0)
        {
            all.Add(unqualified);
        }

        all.AddRange(named);
        return new SchemaFragment(all);
    }

    private void AddReservedNamespaceError(SourceSpan span) =>
        _errors.Add(new(
            ParseErrorKind.ReservedIdentifier,
            span,
            "use of the reserved `__cedar` namespace",
            "Names containing `__cedar` (for example: `__cedar::A`, `A::__cedar`, or `A::__cedar::B`) are reserved"));

    private void ParseDeclaration(NamespaceDecl ns, DeclarationScope scope, List<AnnotationDecl> annotations)
    {
        var start = Current.Span;
        if (IsKeyword("entity"))
        {
            Advance();
            ParseEntity(ns, scope, annotations, start);
        }
        else if (IsKeyword("action"))
        {
            Advance();
            ParseAction(ns, scope, annotations, start);
        }
        else if (IsKeyword("type"))
        {
            Advance();
            var name = ExpectIdent(out var nameSpan);
            if (name == "__cedar")
            {
                AddReservedNamespaceError(nameSpan);
            }

            Expect(SchemaTokenKind.Equals, "`=`");
            var type = ParseType();
            var end = Expect(SchemaTokenKind.Semicolon, "`;`");
            if (IsReservedTypeKeyword(name))
            {
                _errors.Add(new(
                    ParseErrorKind.ReservedIdentifier,
                    nameSpan,
                    $"this uses a reserved schema keyword: `{name}`",
                    "Keywords such as `entity`, `extension`, `set` and `record` cannot be used as common type names"));
            }

            scope.Declare(scope.CommonTypes, name, nameSpan, _errors);
            ns.CommonTypes.Add(new CommonTypeDecl(name, type, annotations, SourceSpan.Between(start, end)));
        }
        else
        {
            throw Unexpected("`namespace`, `entity`, `action`, `type` or `@`");
        }
    }

    internal static bool IsReservedTypeKeyword(string name) =>
        name is "Bool" or "Boolean" or "Entity" or "Extension" or "Long" or "Record" or "Set" or "String";

    private void ParseEntity(NamespaceDecl ns, DeclarationScope scope, List<AnnotationDecl> annotations, SourceSpan start)
    {
        var names = new List<(string Name, SourceSpan Span)>();
        do
        {
            var name = ExpectIdent(out var span);
            if (name == "__cedar")
            {
                AddReservedNamespaceError(span);
            }

            names.Add((name, span));
        }
        while (Accept(SchemaTokenKind.Comma));

        IReadOnlyList<NameRef> memberOf = [];
        TypeExpr? shape = null;
        TypeExpr? tags = null;
        IReadOnlyList<string>? enumIds = null;
        if (IsKeyword("enum"))
        {
            Advance();
            Expect(SchemaTokenKind.LeftBracket, "`[`");
            var ids = new List<string>();
            do
            {
                ids.Add(ExpectString(out _));
            }
            while (Accept(SchemaTokenKind.Comma));

            Expect(SchemaTokenKind.RightBracket, "`]`");
            enumIds = ids;
        }
        else
        {
            if (IsKeyword("in"))
            {
                Advance();
                memberOf = ParseEntityTypes();
            }

            var shapeStart = Current.Span;
            if (Current.Kind == SchemaTokenKind.Equals && Peek(1).Kind == SchemaTokenKind.LeftBrace)
            {
                Advance();
            }

            if (Current.Kind == SchemaTokenKind.LeftBrace)
            {
                shape = ParseRecordType();
            }
            else
            {
                shape = TypeExpr.Record([], false, new(shapeStart.Start, 0));
            }

            if (IsKeyword("tags"))
            {
                Advance();
                tags = ParseType();
            }
        }

        var end = Expect(SchemaTokenKind.Semicolon, "`;`");
        var declSpan = SourceSpan.Between(start, end);
        foreach (var (name, span) in names)
        {
            scope.Declare(scope.EntityTypes, name, span, _errors);
            ns.EntityTypes.Add(new EntityTypeDecl(name, memberOf, shape, tags, enumIds, annotations, declSpan));
        }
    }

    private void ParseAction(NamespaceDecl ns, DeclarationScope scope, List<AnnotationDecl> annotations, SourceSpan start)
    {
        var names = new List<(string Name, SourceSpan Span)>();
        do
        {
            names.Add((ParseName(out var span), span));
        }
        while (Accept(SchemaTokenKind.Comma));

        List<ActionRef>? memberOf = null;
        if (IsKeyword("in"))
        {
            Advance();
            memberOf = [];
            if (Accept(SchemaTokenKind.LeftBracket))
            {
                do
                {
                    memberOf.Add(ParseActionRef());
                }
                while (Accept(SchemaTokenKind.Comma));

                Expect(SchemaTokenKind.RightBracket, "`]`");
            }
            else
            {
                memberOf.Add(ParseActionRef());
            }
        }

        AppliesToDecl? appliesTo = null;
        if (IsKeyword("appliesTo"))
        {
            var appliesStart = Current.Span;
            Advance();
            appliesTo = ParseAppliesTo(names[0].Name, names[0].Span, appliesStart);
        }

        if (IsKeyword("attributes"))
        {
            Advance();
            Expect(SchemaTokenKind.LeftBrace, "`{`");
            Expect(SchemaTokenKind.RightBrace, "`}`");
        }

        var end = Expect(SchemaTokenKind.Semicolon, "`;`");
        appliesTo ??= new AppliesToDecl([], [], null, SourceSpan.None);
        var declSpan = SourceSpan.Between(start, end);
        foreach (var (name, span) in names)
        {
            scope.Declare(scope.Actions, name, span, _errors);
            ns.Actions.Add(new ActionDecl(name, memberOf, appliesTo, annotations, declSpan));
        }
    }

    private AppliesToDecl ParseAppliesTo(string actionName, SourceSpan actionSpan, SourceSpan start)
    {
        Expect(SchemaTokenKind.LeftBrace, "`{`");
        (IReadOnlyList<NameRef> Types, SourceSpan Span)? principal = null;
        (IReadOnlyList<NameRef> Types, SourceSpan Span)? resource = null;
        (TypeExpr Type, SourceSpan Span)? context = null;
        do
        {
            if (Current.Kind == SchemaTokenKind.RightBrace && (principal is not null || resource is not null || context is not null))
            {
                break;
            }

            var declStart = Current.Span;
            if (IsKeyword("principal") || IsKeyword("resource"))
            {
                var isPrincipal = Current.Text == "principal";
                Advance();
                Expect(SchemaTokenKind.Colon, "`:`");
                var types = ParseEntityTypes();
                var span = SourceSpan.Between(declStart, _tokens[_pos - 1].Span);
                var which = isPrincipal ? "principal" : "resource";
                if ((isPrincipal ? principal : resource) is not null)
                {
                    _errors.Add(new(ParseErrorKind.InvalidSchema, span, $"duplicate `{which}` declaration in action `{actionName}`",
                        "Try either deleting one of the declarations, or merging into a single declaration"));
                }
                else if (types.Count == 0)
                {
                    _errors.Add(new(ParseErrorKind.InvalidSchema, span, $"for action `{actionName}`, `{which}` is `[]`, which is invalid",
                        "Every action must define both `principal` and `resource` targets, and the `principal` and `resource` lists must not be `[]`."));
                }

                if (isPrincipal)
                {
                    principal ??= (types, span);
                }
                else
                {
                    resource ??= (types, span);
                }
            }
            else if (IsKeyword("context"))
            {
                Advance();
                Expect(SchemaTokenKind.Colon, "`:`");
                TypeExpr type;
                if (Current.Kind == SchemaTokenKind.LeftBrace)
                {
                    type = ParseRecordType();
                }
                else
                {
                    var (path, pathSpan) = ParsePath();
                    type = TypeExpr.Named(TypeExprKind.CommonRef, path, pathSpan);
                }

                var span = SourceSpan.Between(declStart, _tokens[_pos - 1].Span);
                if (context is not null)
                {
                    _errors.Add(new(ParseErrorKind.InvalidSchema, span, $"duplicate context declaration in action `{actionName}`",
                        "Try either deleting one of the declarations, or merging into a single declaration"));
                }

                context ??= (type, span);
            }
            else
            {
                throw Unexpected("`principal`, `resource` or `context`");
            }
        }
        while (Accept(SchemaTokenKind.Comma));

        var end = Expect(SchemaTokenKind.RightBrace, "`}`");
        const string help = "Every action must define both `principal` and `resource` targets, and the `principal` and `resource` lists must not be `[]`.";
        if (principal is null)
        {
            _errors.Add(new(ParseErrorKind.InvalidSchema, actionSpan, $"missing `principal` declaration for `{actionName}`", help));
        }

        if (resource is null)
        {
            _errors.Add(new(ParseErrorKind.InvalidSchema, actionSpan, $"missing `resource` declaration for `{actionName}`", help));
        }

        return new AppliesToDecl(principal?.Types ?? [], resource?.Types ?? [], context?.Type, SourceSpan.Between(start, end));
    }

    private ActionRef ParseActionRef()
    {
        var start = Current.Span;
        if (Current.Kind == SchemaTokenKind.StringLiteral)
        {
            var id = ExpectString(out var span);
            return new ActionRef(null, id, span);
        }

        var first = ExpectIdent(out _);
        var parts = new List<string> { first };
        while (Current.Kind == SchemaTokenKind.DoubleColon)
        {
            Advance();
            if (Current.Kind == SchemaTokenKind.StringLiteral)
            {
                var id = ExpectString(out var idSpan);
                return new ActionRef(string.Join("::", parts), id, SourceSpan.Between(start, idSpan));
            }

            parts.Add(ExpectIdent(out _));
        }

        if (parts.Count > 1)
        {
            throw Unexpected("`::`");
        }

        return new ActionRef(null, first, start);
    }

    private List<NameRef> ParseEntityTypes()
    {
        var list = new List<NameRef>();
        if (Accept(SchemaTokenKind.LeftBracket))
        {
            if (Current.Kind != SchemaTokenKind.RightBracket)
            {
                do
                {
                    var (path, span) = ParsePath();
                    list.Add(new NameRef(path, span));
                }
                while (Accept(SchemaTokenKind.Comma));
            }

            Expect(SchemaTokenKind.RightBracket, "`]`");
        }
        else
        {
            var (path, span) = ParsePath();
            list.Add(new NameRef(path, span));
        }

        return list;
    }

    private TypeExpr ParseType()
    {
        if (++_depth > MaxNesting || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _errors.Add(new(ParseErrorKind.NestingTooDeep, Current.Span, "type nesting is too deep"));
            throw new SyntaxErrorException();
        }

        try
        {
            var start = Current.Span;
            if (IsKeyword("Set") && Peek(1).Kind == SchemaTokenKind.LeftAngle)
            {
                Advance();
                Advance();
                var element = ParseType();
                var end = Expect(SchemaTokenKind.RightAngle, "`>`");
                return TypeExpr.Set(element, SourceSpan.Between(start, end));
            }

            if (Current.Kind == SchemaTokenKind.LeftBrace)
            {
                return ParseRecordType();
            }

            var (path, span) = ParsePath();
            return TypeExpr.Named(TypeExprKind.EntityOrCommon, path, span);
        }
        finally
        {
            _depth--;
        }
    }

    private TypeExpr ParseRecordType()
    {
        var start = Expect(SchemaTokenKind.LeftBrace, "`{`");
        var attributes = new List<AttributeDecl>();
        while (Current.Kind != SchemaTokenKind.RightBrace)
        {
            var attrStart = Current.Span;
            var annotations = ParseAnnotations();
            var name = ParseName(out _);
            var required = !Accept(SchemaTokenKind.Question);
            Expect(SchemaTokenKind.Colon, "`:`");
            var type = ParseType();
            var span = SourceSpan.Between(attrStart, _tokens[_pos - 1].Span);

            // Cedar keeps the last declaration of a repeated attribute.
            attributes.RemoveAll(a => a.Name == name);
            attributes.Add(new AttributeDecl(name, type, required, annotations, span));
            if (!Accept(SchemaTokenKind.Comma))
            {
                break;
            }
        }

        var end = Expect(SchemaTokenKind.RightBrace, "`}`");
        return TypeExpr.Record(attributes, false, SourceSpan.Between(start, end));
    }

    private List<AnnotationDecl> ParseAnnotations()
    {
        var list = new List<AnnotationDecl>();
        while (Current.Kind == SchemaTokenKind.At)
        {
            var start = Advance().Span;
            if (Current.Kind != SchemaTokenKind.Identifier)
            {
                throw Unexpected("identifier");
            }

            var keyToken = Advance();
            var value = "";
            var end = keyToken.Span;
            if (Accept(SchemaTokenKind.LeftParen))
            {
                value = ExpectString(out _);
                end = Expect(SchemaTokenKind.RightParen, "`)`");
            }

            var existing = list.Find(a => a.Key == keyToken.Text);
            if (existing is not null)
            {
                _errors.Add(new(ParseErrorKind.DuplicateAnnotation, keyToken.Span, $"duplicate annotations: `{keyToken.Text}`"));
            }
            else
            {
                list.Add(new AnnotationDecl(keyToken.Text, value, SourceSpan.Between(start, end)));
            }
        }

        return list;
    }

    /// <summary>Name := IDENT | STR.</summary>
    private string ParseName(out SourceSpan span)
    {
        if (Current.Kind == SchemaTokenKind.StringLiteral)
        {
            return ExpectString(out span);
        }

        return ExpectIdent(out span);
    }

    private (string Path, SourceSpan Span) ParsePath()
    {
        var first = ExpectIdent(out var start);
        var end = start;
        if (Current.Kind != SchemaTokenKind.DoubleColon)
        {
            return (first, start);
        }

        var parts = new List<string> { first };
        while (Current.Kind == SchemaTokenKind.DoubleColon && Peek(1).Kind == SchemaTokenKind.Identifier)
        {
            Advance();
            parts.Add(ExpectIdent(out end));
        }

        return (string.Join("::", parts), SourceSpan.Between(start, end));
    }

    private string ExpectIdent(out SourceSpan span)
    {
        if (Current.Kind != SchemaTokenKind.Identifier)
        {
            throw Unexpected("identifier");
        }

        var token = Advance();
        span = token.Span;
        if (s_reservedIdentifiers.Contains(token.Text))
        {
            _errors.Add(new(ParseErrorKind.ReservedIdentifier, token.Span, $"`{token.Text}` is a reserved identifier"));
        }

        return token.Text;
    }

    private string ExpectString(out SourceSpan span)
    {
        if (Current.Kind != SchemaTokenKind.StringLiteral)
        {
            throw Unexpected("string literal");
        }

        var token = Advance();
        span = token.Span;
        var value = StringUnescaper.Unescape(token.Text, out var error);
        if (value is null)
        {
            _errors.Add(new(ParseErrorKind.InvalidEscape, token.Span, error ?? "invalid escape"));
            return token.Text;
        }

        return value;
    }

    private bool IsKeyword(string word) => Current.Kind == SchemaTokenKind.Identifier && Current.Text == word;

    private SchemaToken Advance()
    {
        var t = _tokens[_pos];
        if (_pos < _tokens.Count - 1)
        {
            _pos++;
        }

        return t;
    }

    private bool Accept(SchemaTokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        Advance();
        return true;
    }

    private SourceSpan Expect(SchemaTokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected(what);
        }

        return Advance().Span;
    }

    private SyntaxErrorException Unexpected(string expected)
    {
        var t = Current;
        if (t.Kind == SchemaTokenKind.End)
        {
            _errors.Add(new(ParseErrorKind.UnexpectedEndOfInput, t.Span, "unexpected end of input", "expected " + expected));
        }
        else
        {
            var shown = t.Kind == SchemaTokenKind.StringLiteral ? "\"" + t.Text + "\"" : t.Text;
            _errors.Add(new(ParseErrorKind.UnexpectedToken, t.Span, $"unexpected token `{shown}`", "expected " + expected));
        }

        return new SyntaxErrorException();
    }

    /// <summary>Unwinds the parser after a syntax error has been recorded.</summary>
    private sealed class SyntaxErrorException : Exception;

    /// <summary>The names declared so far in one namespace, to report duplicates.</summary>
    private sealed class DeclarationScope
    {
        public Dictionary<string, SourceSpan> CommonTypes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, SourceSpan> EntityTypes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, SourceSpan> Actions { get; } = new(StringComparer.Ordinal);

        public void Declare(Dictionary<string, SourceSpan> kind, string name, SourceSpan span, List<ParseError> errors)
        {
            if (!kind.TryAdd(name, span))
            {
                errors.Add(new(ParseErrorKind.InvalidSchema, span, $"`{name}` is declared twice"));
            }
        }
    }
}
