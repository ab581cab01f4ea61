using System.Globalization;
using System.Runtime.CompilerServices;

namespace Cedar.Formatting;

/// <summary>
/// Builds the formatter's concrete syntax tree from the token stream. The text has already been accepted by
/// <see cref="Parsing.PolicyParser"/>, so this parser only needs the shape; it returns null on anything unexpected.
/// </summary>
internal sealed class FormatterParser(List<FormatterToken> tokens)
{
    private const int MaxDepth = 400;
    private int _pos;
    private int _depth;

    private FormatterToken? Peek => _pos < tokens.Count ? tokens[_pos] : null;

    private int LastEnd => tokens[_pos - 1].End;

    public List<PolicyNode>? ParsePolicies()
    {
        var policies = new List<PolicyNode>();
        while (_pos < tokens.Count)
        {
            var p = ParsePolicy();
            if (p is null)
            {
                return null;
            }

            policies.Add(p);
        }

        return policies;
    }

    private PolicyNode? ParsePolicy()
    {
        var start = Peek!.Start;
        var annotations = new List<AnnotationNode>();
        while (Is("@"))
        {
            var at = Next();
            var key = Ident();
            if (key is null)
            {
                return null;
            }

            IdentNode? value = null;
            if (Is("("))
            {
                Next();
                if (Peek is not { IsString: true })
                {
                    return null;
                }

                value = Ident();
                if (!Expect(")"))
                {
                    return null;
                }
            }

            annotations.Add(new AnnotationNode(key, value, at.Start, LastEnd));
        }

        var effect = Ident();
        if (effect is null || !Expect("("))
        {
            return null;
        }

        var variables = new List<VariableNode>();
        while (!Is(")"))
        {
            if (variables.Count > 0 && !Expect(","))
            {
                return null;
            }

            var v = ParseVariable();
            if (v is null)
            {
                return null;
            }

            variables.Add(v);
        }

        Next();
        var conditions = new List<ConditionNode>();
        while (!Is(";"))
        {
            var keyword = Ident();
            if (keyword is null || !Expect("{"))
            {
                return null;
            }

            ExprNode? body = null;
            if (!Is("}"))
            {
                body = ParseExpr();
                if (body is null)
                {
                    return null;
                }
            }

            if (!Expect("}"))
            {
                return null;
            }

            conditions.Add(new ConditionNode(keyword, body, keyword.Start, LastEnd));
        }

        Next();
        return variables.Count == 3 ? new PolicyNode(annotations, effect, variables, conditions, start, LastEnd) : null;
    }

    private VariableNode? ParseVariable()
    {
        var variable = Ident();
        if (variable is null)
        {
            return null;
        }

        AddNode? entityType = null;
        if (Is("is"))
        {
            Next();
            entityType = ParseAdd();
            if (entityType is null)
            {
                return null;
            }
        }

        if (Is("==") || Is("in"))
        {
            var op = Next().Text;
            var rhs = ParseExpr();
            return rhs is null ? null : new VariableNode(variable, entityType, op, rhs, variable.Start, LastEnd);
        }

        return new VariableNode(variable, entityType, null, null, variable.Start, LastEnd);
    }

    private ExprNode? ParseExpr()
    {
        if (++_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return null;
        }

        try
        {
            if (Is("if"))
            {
                var start = Next().Start;
                var c = ParseExpr();
                if (c is null || !Expect("then"))
                {
                    return null;
                }

                var t = ParseExpr();
                if (t is null || !Expect("else"))
                {
                    return null;
                }

                var e = ParseExpr();
                return e is null ? null : new IfNode(c, t, e, start, LastEnd);
            }

            return ParseChain(isOr: true);
        }
        finally
        {
            _depth--;
        }
    }

    private ExprNode? ParseChain(bool isOr)
    {
        var op = isOr ? "||" : "&&";
        var first = isOr ? ParseChain(false) : ParseRelation();
        if (first is null)
        {
            return null;
        }

        var operands = new List<ExprNode> { first };
        while (Is(op))
        {
            Next();
            var next = isOr ? ParseChain(false) : ParseRelation();
            if (next is null)
            {
                return null;
            }

            operands.Add(next);
        }

        return new ChainNode(isOr, operands, first.Start, LastEnd);
    }

    private ExprNode? ParseRelation()
    {
        var left = ParseAdd();
        if (left is null)
        {
            return null;
        }

        if (Is("has") || Is("like"))
        {
            var keyword = Next().Text;
            var operand = ParseAdd();
            return operand is null ? null : new HasLikeNode(left, keyword, operand, left.Start, LastEnd);
        }

        if (Is("is"))
        {
            Next();
            var type = ParseAdd();
            if (type is null)
            {
                return null;
            }

            AddNode? inEntity = null;
            if (Is("in"))
            {
                Next();
                inEntity = ParseAdd();
                if (inEntity is null)
                {
                    return null;
                }
            }

            return new IsNode(left, type, inEntity, left.Start, LastEnd);
        }

        if (Peek?.Text is "==" or "!=" or "<" or "<=" or ">" or ">=" or "in" && !(Peek is { IsString: true }))
        {
            var op = Next().Text;
            if (Is("=") || Is(">") || Is("<"))
            {
                return null;
            }

            var right = ParseAdd();
            return right is null ? null : new RelationNode(left, op, right, left.Start, LastEnd);
        }

        return new RelationNode(left, null, null, left.Start, left.End);
    }

    private AddNode? ParseAdd() => ParseArithmetic(isMult: false);

    private AddNode? ParseArithmetic(bool isMult)
    {
        ExprNode? first = isMult ? ParseUnary() : ParseArithmetic(true);
        if (first is null)
        {
            return null;
        }

        var operands = new List<ExprNode> { first };
        var ops = new List<string>();
        while (isMult ? Is("*") : Is("+") || Is("-"))
        {
            ops.Add(Next().Text);
            ExprNode? next = isMult ? ParseUnary() : ParseArithmetic(true);
            if (next is null)
            {
                return null;
            }

            operands.Add(next);
        }

        return new AddNode(isMult, operands, ops, first.Start, LastEnd);
    }

    private UnaryNode? ParseUnary()
    {
        var start = Peek?.Start ?? 0;
        string? op = null;
        var count = 0;
        if (Is("!") || Is("-"))
        {
            op = Peek!.Text;
            while (Is(op))
            {
                Next();
                count++;
            }
        }

        var member = ParseMember();
        return member is null ? null : new UnaryNode(op, count, member, start, LastEnd);
    }

    private MemberNode? ParseMember()
    {
        var primary = ParsePrimary();
        if (primary is null)
        {
            return null;
        }

        var accesses = new List<AccessNode>();
        while (true)
        {
            if (Is("."))
            {
                var dot = Next();
                var field = Ident();
                if (field is null)
                {
                    return null;
                }

                accesses.Add(new AccessNode(".", field, [], dot.Start, LastEnd));
            }
            else if (Is("("))
            {
                var open = Next();
                var args = ParseList(")");
                if (args is null)
                {
                    return null;
                }

                accesses.Add(new AccessNode("(", null, args, open.Start, LastEnd));
            }
            else if (Is("["))
            {
                var open = Next();
                var index = ParseExpr();
                if (index is null || !Expect("]"))
                {
                    return null;
                }

                accesses.Add(new AccessNode("[", null, [index], open.Start, LastEnd));
            }
            else
            {
                break;
            }
        }

        return new MemberNode(primary, accesses, primary.Start, LastEnd);
    }

    private List<ExprNode>? ParseList(string close)
    {
        var items = new List<ExprNode>();
        while (!Is(close))
        {
            if (items.Count > 0 && !Expect(","))
            {
                return null;
            }

            if (Is(close))
            {
                break;
            }

            var e = ParseExpr();
            if (e is null)
            {
                return null;
            }

            items.Add(e);
        }

        Next();
        return items;
    }

    private ExprNode? ParsePrimary()
    {
        var t = Peek;
        if (t is null)
        {
            return null;
        }

        if (t.IsString || t.Text is "true" or "false" || t.Text.StartsWith('?'))
        {
            Next();
            return new TokenNode(t.Text, t.Start, t.End);
        }

        if (char.IsAsciiDigit(t.Text[0]))
        {
            Next();
            var text = ulong.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture) : t.Text;
            return new TokenNode(text, t.Start, t.End);
        }

        switch (t.Text)
        {
            case "(":
            {
                Next();
                var inner = ParseExpr();
                return inner is null || !Expect(")") ? null : new ParenNode(inner, t.Start, LastEnd);
            }

            case "[":
            {
                Next();
                var items = ParseList("]");
                return items is null ? null : new ListNode(items, t.Start, LastEnd);
            }

            case "{":
            {
                Next();
                var entries = new List<(ExprNode, ExprNode)>();
                while (!Is("}"))
                {
                    if (entries.Count > 0 && !Expect(","))
                    {
                        return null;
                    }

                    if (Is("}"))
                    {
                        break;
                    }

                    var key = ParseExpr();
                    if (key is null || !Expect(":"))
                    {
                        return null;
                    }

                    var value = ParseExpr();
                    if (value is null)
                    {
                        return null;
                    }

                    entries.Add((key, value));
                }

                Next();
                return new RecordNode(entries, t.Start, LastEnd);
            }
        }

        if (!(char.IsAsciiLetter(t.Text[0]) || t.Text[0] == '_'))
        {
            return null;
        }

        var parts = new List<IdentNode> { Ident()! };
        while (Is("::"))
        {
            Next();
            if (Peek is { IsString: true })
            {
                var path = new NameNode(parts, parts[0].Start, parts[^1].End);
                var id = Ident()!;
                return new RefNode(path, id, t.Start, LastEnd);
            }

            var part = Ident();
            if (part is null)
            {
                return null;
            }

            parts.Add(part);
        }

        return new NameNode(parts, t.Start, LastEnd);
    }

    private IdentNode? Ident()
    {
        var t = Peek;
        if (t is null || t.Text.Length == 0 || !(t.IsString || char.IsAsciiLetter(t.Text[0]) || t.Text[0] == '_'))
        {
            return null;
        }

        _pos++;
        return new IdentNode(t.Text, t.Start, t.End);
    }

    private bool Is(string text) => Peek is { } t && !t.IsString && t.Text == text;

    private FormatterToken Next() => tokens[_pos++];

    private bool Expect(string text)
    {
        if (!Is(text))
        {
            return false;
        }

        _pos++;
        return true;
    }
}
