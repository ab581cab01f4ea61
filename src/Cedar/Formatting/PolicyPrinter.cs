using System.Runtime.CompilerServices;
using System.Text;
using Cedar.Ast;
using Cedar.Json;
using Cedar.Values;

namespace Cedar.Formatting;

/// <summary>
/// Prints the AST as Cedar text on one line, exactly as cedar-wasm's <c>policyToText</c> prints a JSON policy:
/// annotations sorted by key, one per line; operands parenthesised unless they are atoms, calls or attribute accesses;
/// chains of the same <c>&amp;&amp;</c>, <c>||</c>, <c>+</c>, <c>-</c> or <c>*</c> left unparenthesised on the left.
/// </summary>
public static class PolicyPrinter
{
    private static readonly HashSet<string> s_functionStyle = new(StringComparer.Ordinal)
    {
        "ip", "decimal", "datetime", "duration", "unknown",
    };

    public static string Print(Policy policy)
    {
        var sb = new StringBuilder();
        var annotations = new SortedDictionary<string, string?>(CodePointComparer.Instance);
        foreach (var a in policy.Annotations)
        {
            annotations[a.Key] = a.Value;
        }

        foreach (var (key, value) in annotations)
        {
            sb.Append('@').Append(key);
            if (value is not null)
            {
                sb.Append("(\"").Append(CedarTextEscaper.EscapeString(value)).Append("\")");
            }

            sb.Append('\n');
        }

        sb.Append(policy.Effect == Effect.Permit ? "permit(" : "forbid(");
        AppendScope(sb, "principal", policy.Principal);
        sb.Append(", ");
        AppendAction(sb, policy.Action);
        sb.Append(", ");
        AppendScope(sb, "resource", policy.Resource);
        sb.Append(')');
        foreach (var c in policy.Conditions)
        {
            sb.Append(c.IsWhen ? " when { " : " unless { ");
            AppendExpr(sb, c.Body);
            sb.Append(" }");
        }

        sb.Append(';');
        return sb.ToString();
    }

    public static string Print(Expr expr)
    {
        var sb = new StringBuilder();
        AppendExpr(sb, expr);
        return sb.ToString();
    }

    /// <summary>True for the extension functions Cedar prints as methods (<c>a.lessThan(b)</c>) rather than calls.</summary>
    public static bool IsMethodStyle(string functionName) => !s_functionStyle.Contains(functionName);

    internal static string EntityUidText(EntityUid uid) => uid.Type.FullName + "::\"" + CedarTextEscaper.EscapeString(uid.Id) + "\"";

    internal static string AttributeText(string name) =>
        Identifiers.IsUnreservedIdentifier(name) ? name : "\"" + CedarTextEscaper.EscapeString(name) + "\"";

    private static void AppendScope(StringBuilder sb, string variable, ScopeConstraint scope)
    {
        sb.Append(variable);
        switch (scope.Op)
        {
            case ScopeOp.Eq:
                sb.Append(" == ").Append(ReferenceText(scope.Entity!));
                break;
            case ScopeOp.In:
                sb.Append(" in ").Append(ReferenceText(scope.Entity!));
                break;
            case ScopeOp.Is:
                sb.Append(" is ").Append(scope.EntityType!.FullName);
                break;
            case ScopeOp.IsIn:
                sb.Append(" is ").Append(scope.EntityType!.FullName).Append(" in ").Append(ReferenceText(scope.Entity!));
                break;
        }
    }

    private static string ReferenceText(EntityReference reference) =>
        reference.Uid is { } uid ? EntityUidText(uid) : reference.Slot == SlotId.Principal ? "?principal" : "?resource";

    private static void AppendAction(StringBuilder sb, ActionConstraint action)
    {
        sb.Append("action");
        switch (action.Op)
        {
            case ActionScopeOp.Eq:
                sb.Append(" == ").Append(EntityUidText(action.Entities[0]));
                break;
            case ActionScopeOp.In when action.Entities.Count == 1 && !action.IsList:
                sb.Append(" in ").Append(EntityUidText(action.Entities[0]));
                break;
            case ActionScopeOp.In:
                sb.Append(" in [");
                for (var i = 0; i < action.Entities.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    sb.Append(EntityUidText(action.Entities[i]));
                }

                sb.Append(']');
                break;
        }
    }

    private static void AppendExpr(StringBuilder sb, Expr e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case LiteralExpr lit:
                AppendLiteral(sb, lit.Value);
                break;
            case VarExpr v:
                sb.Append(PolicyJsonWriter.VarName(v.Var));
                break;
            case SlotExpr s:
                sb.Append(PolicyJsonWriter.SlotName(s.Slot));
                break;
            case IfExpr i:
                sb.Append("if ");
                AppendExpr(sb, i.Condition);
                sb.Append(" then ");
                AppendExpr(sb, i.Then);
                sb.Append(" else ");
                AppendExpr(sb, i.Else);
                break;
            case AndExpr a:
                AppendOperand(sb, a.Left, chainsLeft: a.Left is AndExpr);
                sb.Append(" && ");
                AppendOperand(sb, a.Right);
                break;
            case OrExpr o:
                AppendOperand(sb, o.Left, chainsLeft: o.Left is OrExpr);
                sb.Append(" || ");
                AppendOperand(sb, o.Right);
                break;
            case UnaryExpr { Op: UnaryOp.Not } u:
                sb.Append('!');
                AppendOperand(sb, u.Operand);
                break;
            case UnaryExpr { Op: UnaryOp.Neg } u:
                // Always parenthesised, so the text parses back as a negation and never as a negative literal.
                sb.Append("-(");
                AppendExpr(sb, u.Operand);
                sb.Append(')');
                break;
            case UnaryExpr u:
                AppendOperand(sb, u.Operand);
                sb.Append(".isEmpty()");
                break;
            case BinaryExpr b when IsMethodOp(b.Op):
                AppendOperand(sb, b.Left);
                sb.Append('.').Append(PolicyJsonWriter.BinaryName(b.Op)).Append('(');
                AppendExpr(sb, b.Right);
                sb.Append(')');
                break;
            case BinaryExpr b:
                AppendOperand(sb, b.Left, chainsLeft: b.Op is BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul && b.Left is BinaryExpr leftBinary && leftBinary.Op == b.Op);
                sb.Append(' ').Append(PolicyJsonWriter.BinaryName(b.Op)).Append(' ');
                AppendOperand(sb, b.Right);
                break;
            case ExtensionCallExpr call when IsMethodStyle(call.FunctionName) && call.Arguments.Count > 0:
                AppendOperand(sb, call.Arguments[0]);
                sb.Append('.').Append(call.FunctionName).Append('(');
                AppendList(sb, call.Arguments, 1);
                sb.Append(')');
                break;
            case ExtensionCallExpr call:
                sb.Append(call.FunctionName).Append('(');
                AppendList(sb, call.Arguments, 0);
                sb.Append(')');
                break;
            case GetAttrExpr g:
                AppendOperand(sb, g.Target);
                if (Identifiers.IsUnreservedIdentifier(g.Attribute))
                {
                    sb.Append('.').Append(g.Attribute);
                }
                else
                {
                    sb.Append("[\"").Append(CedarTextEscaper.EscapeString(g.Attribute)).Append("\"]");
                }

                break;
            case HasAttrExpr h:
                AppendOperand(sb, h.Target);
                sb.Append(" has ");
                for (var i = 0; i < h.Path.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append('.');
                    }

                    sb.Append(AttributeText(h.Path[i]));
                }

                break;
            case LikeExpr l:
                AppendOperand(sb, l.Target);
                sb.Append(" like \"");
                for (var i = 0; i < l.Pattern.Segments.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append('*');
                    }

                    sb.Append(CedarTextEscaper.EscapePatternSegment(l.Pattern.Segments[i]));
                }

                sb.Append('"');
                break;
            case IsExpr isExpr:
                AppendOperand(sb, isExpr.Target);
                sb.Append(" is ").Append(isExpr.EntityType.FullName);
                if (isExpr.InEntity is { } inEntity)
                {
                    sb.Append(" in ");
                    AppendOperand(sb, inEntity);
                }

                break;
            case SetExpr set:
                sb.Append('[');
                AppendList(sb, set.Elements, 0);
                sb.Append(']');
                break;
            case RecordExpr rec:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in PolicyJsonWriter.SortedAttributes(rec))
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    sb.Append(AttributeText(key)).Append(": ");
                    AppendExpr(sb, value);
                }

                sb.Append('}');
                break;
            default:
                throw new InvalidOperationException("unknown expression node " + e.GetType().Name);
        }
    }

    private static void AppendList(StringBuilder sb, IReadOnlyList<Expr> items, int start)
    {
        for (var i = start; i < items.Count; i++)
        {
            if (i > start)
            {
                sb.Append(", ");
            }

            AppendExpr(sb, items[i]);
        }
    }

    private static void AppendOperand(StringBuilder sb, Expr e, bool chainsLeft = false)
    {
        if (chainsLeft || !NeedsParentheses(e))
        {
            AppendExpr(sb, e);
            return;
        }

        sb.Append('(');
        AppendExpr(sb, e);
        sb.Append(')');
    }

    /// <summary>Atoms, calls, method-style operators and attribute access bind tighter than any operator, so they print bare.</summary>
    private static bool NeedsParentheses(Expr e) => e switch
    {
        LiteralExpr or VarExpr or SlotExpr or SetExpr or RecordExpr or ExtensionCallExpr or GetAttrExpr => false,
        UnaryExpr u => u.Op != UnaryOp.IsEmpty,
        BinaryExpr b => !IsMethodOp(b.Op),
        _ => true,
    };

    private static bool IsMethodOp(BinaryOp op) =>
        op is BinaryOp.Contains or BinaryOp.ContainsAll or BinaryOp.ContainsAny or BinaryOp.GetTag or BinaryOp.HasTag;

    private static void AppendLiteral(StringBuilder sb, Value value)
    {
        switch (value)
        {
            case BoolValue b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case LongValue { Value: < 0 } l:
                // Negative literals are parenthesised so that `(-1).foo` keeps its meaning.
                sb.Append('(').Append(l.ToString()).Append(')');
                break;
            case LongValue l:
                sb.Append(l.ToString());
                break;
            case StringValue s:
                sb.Append('"').Append(CedarTextEscaper.EscapeString(s.Value)).Append('"');
                break;
            case EntityValue ev:
                sb.Append(EntityUidText(ev.Uid));
                break;
            default:
                sb.Append(value.ToString());
                break;
        }
    }
}
