using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Cedar.Ast;
using Cedar.Values;

namespace Cedar.Validation;

/// <summary>
/// Knowledge that an attribute (or tag) exists on an expression: <c>e has a</c> or <c>e.hasTag(t)</c> held.
/// Expressions are compared by shape (source positions ignored), as Cedar does.
/// </summary>
internal readonly record struct Capability(string Target, string AttributeOrTag, bool IsTag);

/// <summary>An immutable set of <see cref="Capability"/> values.</summary>
internal sealed class CapabilitySet
{
    public static readonly CapabilitySet Empty = new([]);

    private readonly HashSet<Capability> _items;

    private CapabilitySet(HashSet<Capability> items) => _items = items;

    public static CapabilitySet Of(Capability c) => new([c]);

    public bool Contains(Capability c) => _items.Contains(c);

    public CapabilitySet Union(CapabilitySet other)
    {
        if (other._items.Count == 0)
        {
            return this;
        }

        if (_items.Count == 0)
        {
            return other;
        }

        var set = new HashSet<Capability>(_items);
        set.UnionWith(other._items);
        return new CapabilitySet(set);
    }

    public CapabilitySet Intersect(CapabilitySet other)
    {
        if (_items.Count == 0 || other._items.Count == 0)
        {
            return Empty;
        }

        var set = new HashSet<Capability>(_items);
        set.IntersectWith(other._items);
        return new CapabilitySet(set);
    }
}

/// <summary>A canonical text for an expression's shape, so that structurally equal expressions get equal keys.</summary>
internal static class ExprShape
{
    private static readonly ConditionalWeakTable<Expr, string> s_cache = new();

    public static string Key(Expr e)
    {
        if (s_cache.TryGetValue(e, out var key))
        {
            return key;
        }

        var sb = new StringBuilder();
        Append(sb, e, 0);
        key = sb.ToString();
        s_cache.AddOrUpdate(e, key);
        return key;
    }

    public static string AttributeKey(string attribute) => "s" + Quote(attribute);

    private static string Quote(string s) => s.Length.ToString(CultureInfo.InvariantCulture) + ":" + s;

    private static void Append(StringBuilder sb, Expr e, int depth)
    {
        if (depth > 2000)
        {
            sb.Append("...");
            return;
        }

        switch (e)
        {
            case LiteralExpr lit:
                AppendValue(sb, lit.Value);
                break;
            case VarExpr v:
                sb.Append('v').Append((int)v.Var);
                break;
            case SlotExpr s:
                sb.Append('?').Append((int)s.Slot);
                break;
            case IfExpr i:
                sb.Append("(if ");
                Append(sb, i.Condition, depth + 1);
                sb.Append(' ');
                Append(sb, i.Then, depth + 1);
                sb.Append(' ');
                Append(sb, i.Else, depth + 1);
                sb.Append(')');
                break;
            case AndExpr a:
                Binary(sb, "&&", a.Left, a.Right, depth);
                break;
            case OrExpr o:
                Binary(sb, "||", o.Left, o.Right, depth);
                break;
            case UnaryExpr u:
                sb.Append('(').Append(u.Op).Append(' ');
                Append(sb, u.Operand, depth + 1);
                sb.Append(')');
                break;
            case BinaryExpr b:
                // Cedar desugars `!=`, `>` and `>=`; keys follow the desugared form.
                switch (b.Op)
                {
                    case BinaryOp.NotEq:
                        sb.Append("(Not ");
                        Binary(sb, nameof(BinaryOp.Eq), b.Left, b.Right, depth + 1);
                        sb.Append(')');
                        break;
                    case BinaryOp.Greater:
                        Binary(sb, nameof(BinaryOp.Less), b.Right, b.Left, depth);
                        break;
                    case BinaryOp.GreaterEq:
                        Binary(sb, nameof(BinaryOp.LessEq), b.Right, b.Left, depth);
                        break;
                    default:
                        Binary(sb, b.Op.ToString(), b.Left, b.Right, depth);
                        break;
                }

                break;
            case ExtensionCallExpr c:
                sb.Append("(call ").Append(Quote(c.FunctionName));
                foreach (var arg in c.Arguments)
                {
                    sb.Append(' ');
                    Append(sb, arg, depth + 1);
                }

                sb.Append(')');
                break;
            case GetAttrExpr g:
                sb.Append("(. ");
                Append(sb, g.Target, depth + 1);
                sb.Append(' ').Append(Quote(g.Attribute)).Append(')');
                break;
            case HasAttrExpr h:
                sb.Append("(has ");
                Append(sb, h.Target, depth + 1);
                foreach (var a in h.Path)
                {
                    sb.Append(' ').Append(Quote(a));
                }

                sb.Append(')');
                break;
            case LikeExpr l:
                sb.Append("(like ");
                Append(sb, l.Target, depth + 1);
                foreach (var seg in l.Pattern.Segments)
                {
                    sb.Append(' ').Append(Quote(seg));
                }

                sb.Append(')');
                break;
            case IsExpr i:
                if (i.InEntity is not null)
                {
                    sb.Append("(&& (is ");
                    Append(sb, i.Target, depth + 1);
                    sb.Append(' ').Append(Quote(i.EntityType.FullName)).Append(") ");
                    Binary(sb, nameof(BinaryOp.In), i.Target, i.InEntity, depth + 1);
                    sb.Append(')');
                }
                else
                {
                    sb.Append("(is ");
                    Append(sb, i.Target, depth + 1);
                    sb.Append(' ').Append(Quote(i.EntityType.FullName)).Append(')');
                }

                break;
            case SetExpr s:
                sb.Append("[");
                foreach (var el in s.Elements)
                {
                    Append(sb, el, depth + 1);
                    sb.Append(',');
                }

                sb.Append(']');
                break;
            case RecordExpr r:
                sb.Append('{');
                foreach (var (k, v) in r.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    sb.Append(Quote(k)).Append('=');
                    Append(sb, v, depth + 1);
                    sb.Append(',');
                }

                sb.Append('}');
                break;
            default:
                sb.Append("<?").Append(e.GetType().Name).Append('>');
                break;
        }
    }

    private static void Binary(StringBuilder sb, string op, Expr left, Expr right, int depth)
    {
        sb.Append('(').Append(op).Append(' ');
        Append(sb, left, depth + 1);
        sb.Append(' ');
        Append(sb, right, depth + 1);
        sb.Append(')');
    }

    private static void AppendValue(StringBuilder sb, Value v)
    {
        switch (v)
        {
            case BoolValue b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case LongValue l:
                sb.Append('l').Append(l.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case StringValue s:
                sb.Append('s').Append(Quote(s.Value));
                break;
            case EntityValue en:
                sb.Append('e').Append(Quote(en.Uid.Type.FullName)).Append(Quote(en.Uid.Id));
                break;
            default:
                sb.Append("<value>");
                break;
        }
    }
}
