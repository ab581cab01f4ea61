namespace Cedar.Formatting;

/// <summary>
/// Turns the formatter's syntax tree into a layout document. Comments are taken from the token stream as each piece
/// is built (a comment is used once), so the order of the lookups below decides where a comment ends up.
/// </summary>
internal sealed class DocBuilder(List<FormatterToken> tokens, int indent)
{
    private static readonly (string Leading, string Trailing) s_noComment = ("", "");
    private bool _failed;

    public Doc? Policy(PolicyNode p)
    {
        var annotations = Doc.Nil;
        foreach (var a in p.Annotations)
        {
            annotations = annotations.Append(Annotation(a));
        }

        var effectLeading = TokenAtStart(p.Effect.Start)?.ConsumeLeading() ?? "";
        var effect = Ident(p.Effect);
        var vars = p.Variables;
        var principal = Variable(vars[0]);
        var action = Variable(vars[1]);
        var resource = Variable(vars[2]);
        Doc varsDoc;
        if (vars.All(v => v.Op is null && v.EntityType is null))
        {
            varsDoc = principal
                .Append(AddComment(Doc.Text(","), CommentAfterEnd(vars[0].End), Doc.Space))
                .Append(action)
                .Append(AddComment(Doc.Text(","), CommentAfterEnd(vars[1].End), Doc.Space))
                .Append(resource)
                .Nest(indent)
                .Group();
        }
        else
        {
            varsDoc = Doc.Hardline
                .Append(principal
                    .Append(AddComment(Doc.Text(","), CommentAfterEnd(vars[0].End), Doc.Hardline))
                    .Append(action)
                    .Append(AddComment(Doc.Text(","), CommentAfterEnd(vars[1].End), Doc.Hardline))
                    .Append(resource))
                .Nest(indent)
                .Append(Doc.Hardline);
        }

        var conditions = new List<Doc>();
        foreach (var c in p.Conditions)
        {
            conditions.Add(Condition(c));
        }

        var openParen = AddComment(Doc.Text("("), CommentAfterEnd(p.Effect.End), Doc.Nil);
        var closeParen = AddComment(Doc.Text(")"), CommentAfterEnd(vars[2].End), p.Conditions.Count == 0 ? Doc.Nil : Doc.Hardline);
        var conditionsDoc = Doc.Nil;
        for (var i = 0; i < conditions.Count; i++)
        {
            conditionsDoc = i == 0 ? conditions[i] : conditionsDoc.Append(Doc.Hardline).Append(conditions[i]);
        }

        var semicolon = AddComment(Doc.Text(";"), CommentAtEnd(p.End), Doc.Nil);
        if (_failed)
        {
            return null;
        }

        return annotations
            .Append(Leading(effectLeading).Append(effect.Append(Doc.Line).Append(openParen).Group()))
            .Append(varsDoc)
            .Append(closeParen)
            .Append(conditionsDoc)
            .Append(semicolon);
    }

    private Doc Annotation(AnnotationNode a)
    {
        var key = Ident(a.Key);
        var at = AddComment(Doc.Text("@"), CommentAtStart(a.Start), Doc.Nil);
        if (a.Value is null)
        {
            return at.Append(key).Append(Doc.Hardline);
        }

        var open = AddComment(Doc.Text("("), CommentAfterEnd(a.Key.End), Doc.Nil);
        var value = Ident(a.Value);
        var close = AddComment(Doc.Text(")"), CommentAtEnd(a.End), Doc.Hardline);
        return at.Append(key).Append(open).Append(value).Append(close);
    }

    private Doc Variable(VariableNode v)
    {
        var start = CommentAtStart(v.Start);
        var variable = Doc.Text(v.Variable.Text);
        var isDoc = Doc.Nil;
        if (v.EntityType is { } type)
        {
            var isKeyword = Doc.Line.Append(AddComment(Doc.Text("is"), CommentAfterEnd(v.Variable.End), Doc.Nil)).Group();
            var typeDoc = Expr(type);
            var typeComment = CommentAtStart(type.Start);
            isDoc = isKeyword.Append(Doc.Line.Append(AddComment(typeDoc, typeComment, Doc.Nil))).Nest(indent).Group();
        }

        if (v.Op is null)
        {
            return AddComment(variable, start, Doc.Nil).Append(isDoc);
        }

        var opComment = CommentAfterEnd(v.EntityType?.End ?? v.Variable.End);
        var left = variable
            .Append(Trailing(start.Trailing, Doc.Nil))
            .Append(isDoc)
            .Append(Doc.Line)
            .Append(AddComment(Doc.Text(v.Op), opComment, Doc.Nil))
            .Group();
        return Leading(start.Leading).Append(left.Append(Doc.Line.Append(Expr(v.Rhs!)).Nest(indent)).Group());
    }

    private Doc Condition(ConditionNode c)
    {
        var braceComment = CommentAfterEnd(c.Keyword.End);
        var closeComment = CommentAtEnd(c.End);
        var keywordComment = CommentAtStart(c.Keyword.Start);
        var close = AddComment(Doc.Text("}"), closeComment, Doc.Nil);
        var keyword = Ident(c.Keyword);
        if (c.Body is { } body)
        {
            var bodyLeading = TokenAtStart(body.Start)?.ConsumeLeading() ?? "";
            var bodyDoc = Expr(body);
            var inner = Trailing(braceComment.Trailing, Doc.Line)
                .Append(Leading(bodyLeading).Append(bodyDoc.Group()))
                .Nest(indent)
                .Append(Doc.Line)
                .Append(close)
                .Group();
            return Leading(keywordComment.Leading).Append(
                keyword
                    .Append(Trailing(keywordComment.Trailing, Doc.Line))
                    .Append(Leading(braceComment.Leading).Append(Doc.Text("{").Append(inner)))
                    .Group());
        }

        return Leading(keywordComment.Leading).Append(
            keyword
                .Append(Trailing(keywordComment.Trailing, Doc.Line))
                .Append(Leading(braceComment.Leading).Append(
                    Doc.Text("{").Append(Trailing(braceComment.Trailing, Doc.Line)).Append(close).Group()))
                .Group());
    }

    private Doc Expr(ExprNode e)
    {
        switch (e)
        {
            case IfNode i:
            {
                var ifComment = CommentAtStart(i.Start);
                var thenComment = CommentAfterEnd(i.Condition.End);
                var elseComment = CommentAfterEnd(i.Then.End);
                var ifPart = KeywordGroup("if", ifComment, i.Condition);
                var thenPart = KeywordGroup("then", thenComment, i.Then);
                var elsePart = KeywordGroup("else", elseComment, i.Else);
                return ifPart.Append(Doc.Line).Append(thenPart).Append(Doc.Line).Append(elsePart).Group();
            }

            case ChainNode chain:
            {
                var d = Doc.Nil;
                for (var k = 0; k < chain.Operands.Count - 1; k++)
                {
                    var opComment = CommentAfterEnd(chain.Operands[k].End);
                    d = d.Append(Expr(chain.Operands[k]))
                        .Append(Doc.Space)
                        .Append(AddComment(Doc.Text(chain.IsOr ? "||" : "&&"), opComment, Doc.Line));
                }

                return d.Append(Expr(chain.Operands[^1]));
            }

            case RelationNode r when r.Op is null:
                return Expr(r.Left);
            case RelationNode r:
            {
                var left = Expr(r.Left);
                return left.Append(Doc.Space)
                    .Append(AddComment(Doc.Text(r.Op!), CommentAfterEnd(r.Left.End), Doc.Nil))
                    .Append(Doc.Space)
                    .Append(Expr(r.Right!));
            }

            case HasLikeNode h:
            {
                var target = Expr(h.Target);
                var keyword = AddComment(Doc.Text(h.Keyword), CommentAfterEnd(h.Target.End), Doc.Nil);
                return target.Append(Doc.Line).Append(keyword).Append(Doc.Line).Append(Expr(h.Operand).Nest(indent)).Group();
            }

            case IsNode isNode:
            {
                var target = Expr(isNode.Target);
                var isKeyword = AddComment(Doc.Text("is"), CommentAfterEnd(isNode.Target.End), Doc.Nil);
                var doc = target.Append(Doc.Space).Append(isKeyword).Append(Doc.Space).Append(Expr(isNode.EntityType).Nest(indent));
                if (isNode.InEntity is { } inEntity)
                {
                    var inKeyword = AddComment(Doc.Text("in"), CommentAfterEnd(isNode.EntityType.End), Doc.Nil);
                    doc = doc.Append(Doc.Line).Append(inKeyword).Append(Doc.Space).Append(Expr(inEntity).Nest(indent));
                }

                return doc.Group();
            }

            case AddNode add:
            {
                var d = Expr(add.Operands[0]);
                for (var k = 1; k < add.Operands.Count; k++)
                {
                    var opComment = CommentAfterEnd(add.Operands[k - 1].End);
                    d = d.Append(Doc.Space)
                        .Append(AddComment(Doc.Text(add.Ops[k - 1]), opComment, Doc.Nil))
                        .Append(Doc.Line)
                        .Append(Expr(add.Operands[k]));
                }

                return d.Group();
            }

            case UnaryNode u when u.Op is null:
                return Expr(u.Item);
            case UnaryNode u:
            {
                var comments = CommentsInRange(u.Start, u.Item.Start);
                if (u.Count > 4 || comments.Count != u.Count)
                {
                    _failed = true;
                    return Doc.Nil;
                }

                var d = Doc.Nil;
                foreach (var comment in comments)
                {
                    d = d.Append(AddComment(Doc.Text(u.Op!), comment, Doc.Nil));
                }

                return d.Append(Expr(u.Item));
            }

            case MemberNode m:
            {
                var item = Expr(m.Primary);
                var accesses = Doc.Nil;
                for (var k = 0; k < m.Accesses.Count; k++)
                {
                    var access = Access(m.Accesses[k]);
                    accesses = k == 0 ? access : accesses.Append(Doc.LineBreak).Append(access);
                }

                return item.Append(accesses.Nest(indent)).Group();
            }

            case TokenNode t:
                return AddComment(Doc.Text(t.Text), CommentAtStart(t.Start), Doc.Nil);
            case NameNode n:
                return Name(n);
            case RefNode r:
            {
                var path = Name(r.Path);
                return path.Append(AddComment(Doc.Text("::"), CommentAfterEnd(r.Path.End), Doc.Nil)).Append(Ident(r.Id));
            }

            case ParenNode p:
            {
                var open = AddComment(Doc.Text("("), CommentAtStart(p.Start), Doc.Nil);
                var inner = Expr(p.Inner).Nest(1);
                var close = AddComment(Doc.Text(")"), CommentAtEnd(p.End), Doc.Nil);
                return open.Append(inner).Append(close).Group();
            }

            case ListNode list:
            {
                var items = SeparatedList(list.Elements);
                var open = AddComment(Doc.Text("["), CommentAtStart(list.Start), Doc.Nil);
                var close = AddComment(Doc.Text("]"), CommentAtEnd(list.End), Doc.Nil);
                return open.Append(items.Nest(1)).Append(close);
            }

            case RecordNode rec:
            {
                var items = Doc.Nil;
                for (var k = 0; k < rec.Entries.Count; k++)
                {
                    var (key, value) = rec.Entries[k];
                    var keyDoc = Expr(key);
                    var valueDoc = Expr(value);
                    var entry = keyDoc.Append(AddComment(Doc.Text(":"), CommentAfterEnd(key.End), Doc.Nil)).Append(Doc.Space).Append(valueDoc);
                    items = k == 0
                        ? entry
                        : items.Append(AddComment(Doc.Text(","), CommentAfterEnd(rec.Entries[k - 1].Value.End), Doc.Nil)).Append(Doc.Line).Append(entry);
                }

                var open = AddComment(Doc.Text("{"), CommentAtStart(rec.Start), Doc.Nil);
                var close = AddComment(Doc.Text("}"), CommentAtEnd(rec.End), Doc.Nil);
                if (rec.Entries.Count == 0)
                {
                    return open.Append(close);
                }

                return open.Append(Doc.Line.Append(items).Nest(indent).Append(Doc.Line).Group()).Append(close);
            }

            default:
                throw new InvalidOperationException("unknown syntax node " + e.GetType().Name);
        }
    }

    private Doc SeparatedList(List<ExprNode> items)
    {
        if (items.Count == 0)
        {
            return Doc.Nil;
        }

        var d = Expr(items[0]);
        for (var k = 1; k < items.Count; k++)
        {
            var comma = AddComment(Doc.Text(","), CommentAfterEnd(items[k - 1].End), Doc.Nil);
            d = d.Append(comma).Append(Doc.Line).Append(Expr(items[k]));
        }

        return d;
    }

    private Doc Access(AccessNode a)
    {
        switch (a.Kind)
        {
            case ".":
                return AddComment(Doc.Text("."), CommentAtStart(a.Start), Doc.Nil).Append(Ident(a.Field!));
            case "(":
            {
                var open = AddComment(Doc.Text("("), CommentAtStart(a.Start), Doc.Nil);
                var args = SeparatedList(a.Arguments);
                var close = AddComment(Doc.Text(")"), CommentAtEnd(a.End), Doc.Nil);
                if (a.Arguments.Count == 0)
                {
                    return open.Append(close);
                }

                return open.Append(Doc.LineBreak.Append(args).Nest(indent)).Append(Doc.LineBreak).Append(close);
            }

            default:
            {
                var open = AddComment(Doc.Text("["), CommentAtStart(a.Start), Doc.Nil);
                var index = Expr(a.Arguments[0]);
                var close = AddComment(Doc.Text("]"), CommentAtEnd(a.End), Doc.Nil);
                return open.Append(index).Append(close);
            }
        }
    }

    private Doc KeywordGroup(string keyword, (string Leading, string Trailing) comment, ExprNode e) =>
        AddComment(Doc.Text(keyword), comment, Doc.Nil).Append(Doc.Line.Append(Expr(e)).Nest(indent));

    private Doc Name(NameNode n)
    {
        var d = Ident(n.Parts[0]);
        for (var k = 1; k < n.Parts.Count; k++)
        {
            d = d.Append(AddComment(Doc.Text("::"), CommentAfterEnd(n.Parts[k - 1].End), Doc.Nil)).Append(Ident(n.Parts[k]));
        }

        return d;
    }

    private Doc Ident(IdentNode n) => AddComment(Doc.Text(n.Text), CommentAtStart(n.Start), Doc.Nil);

    private static Doc AddComment(Doc d, (string Leading, string Trailing) comment, Doc next) =>
        Leading(comment.Leading).Append(d).Append(Trailing(comment.Trailing, next));

    private static Doc Leading(string comment)
    {
        if (comment.Length == 0)
        {
            return Doc.Nil;
        }

        var d = Doc.Hardline;
        var lines = comment.Trim().Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            d = i == 0 ? d.Append(Doc.Text(lines[i])) : d.Append(Doc.Hardline).Append(Doc.Text(lines[i]));
        }

        return d.Append(Doc.Hardline);
    }

    private static Doc Trailing(string comment, Doc next) =>
        comment.Length == 0 ? next : Doc.Space.Append(Doc.Text(comment.Trim())).Append(Doc.Hardline);

    private FormatterToken? TokenAtStart(int start) => tokens.Find(t => t.Start == start);

    private (string Leading, string Trailing) CommentAtStart(int start) => TokenAtStart(start)?.Consume() ?? s_noComment;

    private (string Leading, string Trailing) CommentAtEnd(int end) => tokens.Find(t => t.End == end)?.Consume() ?? s_noComment;

    private (string Leading, string Trailing) CommentAfterEnd(int end) =>
        (tokens.Find(t => t.Start >= end) ?? (tokens.Count > 0 ? tokens[0] : null))?.Consume() ?? s_noComment;

    private List<(string Leading, string Trailing)> CommentsInRange(int start, int end)
    {
        var result = new List<(string Leading, string Trailing)>();
        foreach (var t in tokens.SkipWhile(t => t.Start < start).TakeWhile(t => t.End <= end))
        {
            result.Add(t.Consume());
        }

        return result;
    }
}
