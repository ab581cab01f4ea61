using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Cedar.Ast;
using Cedar.Values;

namespace Cedar.Tests.Parsing;

/// <summary>
/// A compact canonical text of a policy's structure, computed both from our AST and from the oracle's JSON (EST) form,
/// so the two can be compared without a full JSON converter. Integers are compared as doubles because the oracle's
/// answer passes through JavaScript numbers; record keys are sorted, because a JavaScript object moves integer-like keys first.
/// </summary>
internal static class AstCanonicalForm
{
    public static string Of(Policy p)
    {
        var sb = new StringBuilder();
        sb.Append(p.Effect == Effect.Permit ? "permit" : "forbid");
        foreach (var a in p.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            sb.Append(" @").Append(a.Key).Append('=').Append(a.Value is null ? "null" : Quote(a.Value));
        }

        sb.Append(" P:").Append(Scope(p.Principal));
        sb.Append(" A:").Append(p.Action.Op switch
        {
            ActionScopeOp.Any => "any",
            ActionScopeOp.Eq => "== " + Uid(p.Action.Entities[0]),
            _ => "in [" + string.Join(",", p.Action.Entities.Select(Uid)) + "]",
        });
        sb.Append(" R:").Append(Scope(p.Resource));
        foreach (var c in p.Conditions)
        {
            sb.Append(c.IsWhen ? " when " : " unless ");
            Expr(c.Body, sb);
        }

        return sb.ToString();
    }

    public static string OfEst(JsonNode est)
    {
        var sb = new StringBuilder();
        sb.Append(est["effect"]!.GetValue<string>());
        if (est["annotations"] is JsonObject annotations)
        {
            foreach (var (k, v) in annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                sb.Append(" @").Append(k).Append('=').Append(v is null ? "null" : Quote(v.GetValue<string>()));
            }
        }

        sb.Append(" P:").Append(EstScope(est["principal"]!));
        var action = est["action"]!;
        var aop = action["op"]!.GetValue<string>();
        sb.Append(" A:").Append(aop switch
        {
            "All" => "any",
            "==" => "== " + EstUid(action["entity"]!),
            _ => "in [" + (action["entities"] is JsonArray arr ? string.Join(",", arr.Select(x => EstUid(x!))) : EstUid(action["entity"]!)) + "]",
        });
        sb.Append(" R:").Append(EstScope(est["resource"]!));
        foreach (var c in est["conditions"]!.AsArray())
        {
            sb.Append(c!["kind"]!.GetValue<string>() == "when" ? " when " : " unless ");
            EstExpr(c["body"]!, sb);
        }

        return sb.ToString();
    }

    private static string Quote(string s) => "\"" + StringEscaper.Escape(s) + "\"";

    private static string Uid(EntityUid u) => u.Type.FullName + "::" + Quote(u.Id);

    private static string Ref(EntityReference r) => r.Uid is { } u ? Uid(u) : r.Slot == SlotId.Principal ? "?principal" : "?resource";

    private static string Scope(ScopeConstraint s) => s.Op switch
    {
        ScopeOp.Any => "any",
        ScopeOp.Eq => "== " + Ref(s.Entity!),
        ScopeOp.In => "in " + Ref(s.Entity!),
        ScopeOp.Is => "is " + s.EntityType!.FullName,
        _ => "is " + s.EntityType!.FullName + " in " + Ref(s.Entity!),
    };

    private static string EstUid(JsonNode n) => n["type"]!.GetValue<string>() + "::" + Quote(n["id"]!.GetValue<string>());

    private static string EstRef(JsonNode scope) => scope["slot"] is { } slot ? slot.GetValue<string>() : EstUid(scope["entity"]!);

    private static string EstScope(JsonNode s)
    {
        var op = s["op"]!.GetValue<string>();
        return op switch
        {
            "All" => "any",
            "==" => "== " + EstRef(s),
            "in" => "in " + EstRef(s),
            _ => s["in"] is { } inner ? "is " + s["entity_type"]!.GetValue<string>() + " in " + EstRef(inner) : "is " + s["entity_type"]!.GetValue<string>(),
        };
    }

    private static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static void Value(Value v, StringBuilder sb)
    {
        switch (v)
        {
            case BoolValue b: sb.Append(b.Value ? "true" : "false"); break;
            case LongValue l: sb.Append(Number(l.Value)); break;
            case StringValue s: sb.Append(Quote(s.Value)); break;
            case EntityValue e: sb.Append(Uid(e.Uid)); break;
            default: sb.Append("?value"); break;
        }
    }

    private static string BinaryName(BinaryOp op) => op switch
    {
        BinaryOp.Eq => "==",
        BinaryOp.NotEq => "!=",
        BinaryOp.Less => "<",
        BinaryOp.LessEq => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterEq => ">=",
        BinaryOp.Add => "+",
        BinaryOp.Sub => "-",
        BinaryOp.Mul => "*",
        BinaryOp.In => "in",
        BinaryOp.Contains => "contains",
        BinaryOp.ContainsAll => "containsAll",
        BinaryOp.ContainsAny => "containsAny",
        BinaryOp.GetTag => "getTag",
        _ => "hasTag",
    };

    private static void Expr(Expr e, StringBuilder sb)
    {
        switch (e)
        {
            case LiteralExpr l: Value(l.Value, sb); break;
            case VarExpr v: sb.Append(v.Var.ToString().ToLowerInvariant()); break;
            case SlotExpr s: sb.Append(s.Slot == SlotId.Principal ? "?principal" : "?resource"); break;
            case IfExpr i: Node(sb, "if", i.Condition, i.Then, i.Else); break;
            case AndExpr a: Node(sb, "&&", a.Left, a.Right); break;
            case OrExpr o: Node(sb, "||", o.Left, o.Right); break;
            case UnaryExpr u: Node(sb, u.Op switch { UnaryOp.Not => "!", UnaryOp.Neg => "neg", _ => "isEmpty" }, u.Operand); break;
            case BinaryExpr b: Node(sb, BinaryName(b.Op), b.Left, b.Right); break;
            case ExtensionCallExpr x: Node(sb, x.FunctionName, [.. x.Arguments]); break;
            case GetAttrExpr g:
                sb.Append("(. ");
                Expr(g.Target, sb);
                sb.Append(' ').Append(Quote(g.Attribute)).Append(')');
                break;
            case HasAttrExpr h:
                sb.Append("(has ");
                Expr(h.Target, sb);
                sb.Append(' ').Append(string.Join(".", h.Path.Select(Quote))).Append(')');
                break;
            case LikeExpr l:
                sb.Append("(like ");
                Expr(l.Target, sb);
                sb.Append(' ').Append(string.Join("*", l.Pattern.Segments.Select(Quote))).Append(')');
                break;
            case IsExpr i:
                sb.Append("(is ");
                Expr(i.Target, sb);
                sb.Append(' ').Append(i.EntityType.FullName);
                if (i.InEntity is not null)
                {
                    sb.Append(" in ");
                    Expr(i.InEntity, sb);
                }

                sb.Append(')');
                break;
            case SetExpr s: Node(sb, "set", [.. s.Elements]); break;
            case RecordExpr r:
                sb.Append("(record");
                foreach (var kv in r.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    sb.Append(' ').Append(Quote(kv.Key)).Append(':');
                    Expr(kv.Value, sb);
                }

                sb.Append(')');
                break;
            default: sb.Append("?expr"); break;
        }
    }

    private static void Node(StringBuilder sb, string name, params Expr[] children)
    {
        sb.Append('(').Append(name);
        foreach (var c in children)
        {
            sb.Append(' ');
            Expr(c, sb);
        }

        sb.Append(')');
    }

    private static void EstValue(JsonNode v, StringBuilder sb)
    {
        switch (v)
        {
            case JsonValue jv when jv.TryGetValue<bool>(out var b): sb.Append(b ? "true" : "false"); break;
            case JsonValue jv when jv.TryGetValue<string>(out var s): sb.Append(Quote(s)); break;
            case JsonValue jv: sb.Append(Number(jv.GetValue<double>())); break;
            case JsonObject o when o["__entity"] is { } ent: sb.Append(EstUid(ent)); break;
            default: sb.Append("?value"); break;
        }
    }

    private static void EstExpr(JsonNode n, StringBuilder sb)
    {
        var (key, body) = n.AsObject().Single();
        switch (key)
        {
            case "Value": EstValue(body!, sb); break;
            case "Var": sb.Append(body!.GetValue<string>()); break;
            case "Slot": sb.Append(body!.GetValue<string>()); break;
            case "if-then-else": EstNode(sb, "if", body!["if"]!, body["then"]!, body["else"]!); break;
            case "!" or "neg" or "isEmpty": EstNode(sb, key, body!["arg"]!); break;
            case "&&" or "||" or "==" or "!=" or "<" or "<=" or ">" or ">=" or "+" or "-" or "*" or "in"
                or "contains" or "containsAll" or "containsAny" or "getTag" or "hasTag":
                EstNode(sb, key, body!["left"]!, body["right"]!);
                break;
            case ".":
                sb.Append("(. ");
                EstExpr(body!["left"]!, sb);
                sb.Append(' ').Append(Quote(body["attr"]!.GetValue<string>())).Append(')');
                break;
            case "has":
                sb.Append("(has ");
                EstExpr(body!["left"]!, sb);
                var attr = body["attr"]!;
                sb.Append(' ').Append(attr is JsonArray path ? string.Join(".", path.Select(x => Quote(x!.GetValue<string>()))) : Quote(attr.GetValue<string>())).Append(')');
                break;
            case "like":
                sb.Append("(like ");
                EstExpr(body!["left"]!, sb);
                sb.Append(' ').Append(EstPattern(body["pattern"]!.AsArray())).Append(')');
                break;
            case "is":
                sb.Append("(is ");
                EstExpr(body!["left"]!, sb);
                sb.Append(' ').Append(body["entity_type"]!.GetValue<string>());
                if (body["in"] is { } inner)
                {
                    sb.Append(" in ");
                    EstExpr(inner, sb);
                }

                sb.Append(')');
                break;
            case "Set": EstNode(sb, "set", [.. body!.AsArray().Select(x => x!)]); break;
            case "Record":
                sb.Append("(record");
                foreach (var (k, v) in body!.AsObject().OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    sb.Append(' ').Append(Quote(k)).Append(':');
                    EstExpr(v!, sb);
                }

                sb.Append(')');
                break;
            default:
                EstNode(sb, key, [.. body!.AsArray().Select(x => x!)]);
                break;
        }
    }

    private static string EstPattern(JsonArray elements)
    {
        var segments = new List<string> { "" };
        foreach (var e in elements)
        {
            if (e is JsonValue v && v.TryGetValue<string>(out var s) && s == "Wildcard")
            {
                segments.Add("");
            }
            else
            {
                segments[^1] += e!["Literal"]!.GetValue<string>();
            }
        }

        return string.Join("*", segments.Select(Quote));
    }

    private static void EstNode(StringBuilder sb, string name, params JsonNode[] children)
    {
        sb.Append('(').Append(name);
        foreach (var c in children)
        {
            sb.Append(' ');
            EstExpr(c, sb);
        }

        sb.Append(')');
    }
}
