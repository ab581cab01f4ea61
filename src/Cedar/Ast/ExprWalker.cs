namespace Cedar.Ast;

/// <summary>Walks expression trees without recursion; parsed trees can be deeper than the call stack allows.</summary>
public static class ExprWalker
{
    /// <summary>Every node of an expression in source order, iteratively (no recursion, so no stack overflow on deep trees).</summary>
    public static IEnumerable<Expr> PreOrder(Expr root)
    {
        var stack = new Stack<Expr>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            yield return e;
            switch (e)
            {
                case IfExpr i:
                    stack.Push(i.Else);
                    stack.Push(i.Then);
                    stack.Push(i.Condition);
                    break;
                case AndExpr a:
                    stack.Push(a.Right);
                    stack.Push(a.Left);
                    break;
                case OrExpr o:
                    stack.Push(o.Right);
                    stack.Push(o.Left);
                    break;
                case UnaryExpr u:
                    stack.Push(u.Operand);
                    break;
                case BinaryExpr b:
                    stack.Push(b.Right);
                    stack.Push(b.Left);
                    break;
                case ExtensionCallExpr c:
                    for (var k = c.Arguments.Count - 1; k >= 0; k--)
                    {
                        stack.Push(c.Arguments[k]);
                    }

                    break;
                case GetAttrExpr g:
                    stack.Push(g.Target);
                    break;
                case HasAttrExpr h:
                    stack.Push(h.Target);
                    break;
                case LikeExpr l:
                    stack.Push(l.Target);
                    break;
                case IsExpr ie:
                    if (ie.InEntity is not null)
                    {
                        stack.Push(ie.InEntity);
                    }

                    stack.Push(ie.Target);
                    break;
                case SetExpr s:
                    for (var k = s.Elements.Count - 1; k >= 0; k--)
                    {
                        stack.Push(s.Elements[k]);
                    }

                    break;
                case RecordExpr r:
                    for (var k = r.Attributes.Count - 1; k >= 0; k--)
                    {
                        stack.Push(r.Attributes[k].Value);
                    }

                    break;
            }
        }
    }
}
