using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cedar.Ast;
using Cedar.Values;

namespace Cedar.Json;

/// <summary>Writes policies and expressions in Cedar's JSON policy format (the EST), as cedar-wasm's <c>policyToJson</c> does.</summary>
internal static class PolicyJsonWriter
{
    internal static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    public static void WritePolicy(Utf8JsonWriter w, Policy p)
    {
        w.WriteStartObject();
        w.WriteString("effect", p.Effect == Effect.Permit ? "permit" : "forbid");
        w.WritePropertyName("principal");
        WriteScope(w, p.Principal);
        w.WritePropertyName("action");
        WriteAction(w, p.Action);
        w.WritePropertyName("resource");
        WriteScope(w, p.Resource);
        w.WriteStartArray("conditions");
        foreach (var c in p.Conditions)
        {
            w.WriteStartObject();
            w.WriteString("kind", c.IsWhen ? "when" : "unless");
            w.WritePropertyName("body");
            WriteExpr(w, c.Body);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (p.Annotations.Count > 0)
        {
            // Cedar keeps annotations in a sorted map; a later duplicate key wins.
            var sorted = new SortedDictionary<string, string?>(CodePointComparer.Instance);
            foreach (var a in p.Annotations)
            {
                sorted[a.Key] = a.Value;
            }

            w.WriteStartObject("annotations");
            foreach (var (key, value) in sorted)
            {
                if (value is null)
                {
                    w.WriteNull(key);
                }
                else
                {
                    w.WriteString(key, value);
                }
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    public static void WriteUid(Utf8JsonWriter w, EntityUid uid)
    {
        w.WriteStartObject();
        w.WriteString("type", uid.Type.FullName);
        w.WriteString("id", uid.Id);
        w.WriteEndObject();
    }

    private static void WriteScope(Utf8JsonWriter w, ScopeConstraint scope)
    {
        w.WriteStartObject();
        switch (scope.Op)
        {
            case ScopeOp.Any:
                w.WriteString("op", "All");
                break;
            case ScopeOp.Eq:
                w.WriteString("op", "==");
                WriteReferenceMember(w, scope.Entity!);
                break;
            case ScopeOp.In:
                w.WriteString("op", "in");
                WriteReferenceMember(w, scope.Entity!);
                break;
            case ScopeOp.Is:
                w.WriteString("op", "is");
                w.WriteString("entity_type", scope.EntityType!.FullName);
                break;
            case ScopeOp.IsIn:
                w.WriteString("op", "is");
                w.WriteString("entity_type", scope.EntityType!.FullName);
                w.WriteStartObject("in");
                WriteReferenceMember(w, scope.Entity!);
                w.WriteEndObject();
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteReferenceMember(Utf8JsonWriter w, EntityReference reference)
    {
        if (reference.Uid is { } uid)
        {
            w.WritePropertyName("entity");
            WriteUid(w, uid);
        }
        else
        {
            w.WriteString("slot", SlotName(reference.Slot!.Value));
        }
    }

    private static void WriteAction(Utf8JsonWriter w, ActionConstraint action)
    {
        w.WriteStartObject();
        switch (action.Op)
        {
            case ActionScopeOp.Any:
                w.WriteString("op", "All");
                break;
            case ActionScopeOp.Eq:
                w.WriteString("op", "==");
                w.WritePropertyName("entity");
                WriteUid(w, action.Entities[0]);
                break;
            case ActionScopeOp.In when action.Entities.Count == 1:
                w.WriteString("op", "in");
                w.WritePropertyName("entity");
                WriteUid(w, action.Entities[0]);
                break;
            case ActionScopeOp.In:
                w.WriteString("op", "in");
                w.WriteStartArray("entities");
                foreach (var e in action.Entities)
                {
                    WriteUid(w, e);
                }

                w.WriteEndArray();
                break;
        }

        w.WriteEndObject();
    }

    public static void WriteExpr(Utf8JsonWriter w, Expr e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        w.WriteStartObject();
        switch (e)
        {
            case LiteralExpr lit:
                w.WritePropertyName("Value");
                WriteValue(w, lit.Value);
                break;
            case VarExpr v:
                w.WriteString("Var", VarName(v.Var));
                break;
            case SlotExpr s:
                w.WriteString("Slot", SlotName(s.Slot));
                break;
            case IfExpr i:
                w.WriteStartObject("if-then-else");
                w.WritePropertyName("if");
                WriteExpr(w, i.Condition);
                w.WritePropertyName("then");
                WriteExpr(w, i.Then);
                w.WritePropertyName("else");
                WriteExpr(w, i.Else);
                w.WriteEndObject();
                break;
            case AndExpr a:
                WriteBinary(w, "&&", a.Left, a.Right);
                break;
            case OrExpr o:
                WriteBinary(w, "||", o.Left, o.Right);
                break;
            case UnaryExpr u:
                w.WriteStartObject(UnaryName(u.Op));
                w.WritePropertyName("arg");
                WriteExpr(w, u.Operand);
                w.WriteEndObject();
                break;
            case BinaryExpr b:
                WriteBinary(w, BinaryName(b.Op), b.Left, b.Right);
                break;
            case ExtensionCallExpr call:
                w.WriteStartArray(call.FunctionName);
                foreach (var arg in call.Arguments)
                {
                    WriteExpr(w, arg);
                }

                w.WriteEndArray();
                break;
            case GetAttrExpr g:
                w.WriteStartObject(".");
                w.WritePropertyName("left");
                WriteExpr(w, g.Target);
                w.WriteString("attr", g.Attribute);
                w.WriteEndObject();
                break;
            case HasAttrExpr h:
                w.WriteStartObject("has");
                w.WritePropertyName("left");
                WriteExpr(w, h.Target);
                if (h.Path.Count == 1)
                {
                    w.WriteString("attr", h.Path[0]);
                }
                else
                {
                    w.WriteStartArray("attr");
                    foreach (var part in h.Path)
                    {
                        w.WriteStringValue(part);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
                break;
            case LikeExpr l:
                w.WriteStartObject("like");
                w.WritePropertyName("left");
                WriteExpr(w, l.Target);
                w.WriteStartArray("pattern");
                WritePattern(w, l.Pattern);
                w.WriteEndArray();
                w.WriteEndObject();
                break;
            case IsExpr isExpr:
                w.WriteStartObject("is");
                w.WritePropertyName("left");
                WriteExpr(w, isExpr.Target);
                w.WriteString("entity_type", isExpr.EntityType.FullName);
                if (isExpr.InEntity is { } inEntity)
                {
                    w.WritePropertyName("in");
                    WriteExpr(w, inEntity);
                }

                w.WriteEndObject();
                break;
            case SetExpr set:
                w.WriteStartArray("Set");
                foreach (var element in set.Elements)
                {
                    WriteExpr(w, element);
                }

                w.WriteEndArray();
                break;
            case RecordExpr rec:
                w.WriteStartObject("Record");
                foreach (var (key, value) in SortedAttributes(rec))
                {
                    w.WritePropertyName(key);
                    WriteExpr(w, value);
                }

                w.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException("unknown expression node " + e.GetType().Name);
        }

        w.WriteEndObject();
    }

    /// <summary>Record attributes in Cedar's order (sorted by code point); for a repeated key the last one wins.</summary>
    internal static IEnumerable<KeyValuePair<string, Expr>> SortedAttributes(RecordExpr rec)
    {
        var sorted = new SortedDictionary<string, Expr>(CodePointComparer.Instance);
        foreach (var (key, value) in rec.Attributes)
        {
            sorted[key] = value;
        }

        return sorted;
    }

    private static void WritePattern(Utf8JsonWriter w, Pattern pattern)
    {
        Span<char> buffer = stackalloc char[2];
        for (var i = 0; i < pattern.Segments.Count; i++)
        {
            if (i > 0)
            {
                w.WriteStringValue("Wildcard");
            }

            // Cedar's pattern is a list of characters: one Literal per Unicode scalar value.
            foreach (var rune in pattern.Segments[i].EnumerateRunes())
            {
                var n = rune.EncodeToUtf16(buffer);
                w.WriteStartObject();
                w.WriteString("Literal", buffer[..n]);
                w.WriteEndObject();
            }
        }
    }

    private static void WriteBinary(Utf8JsonWriter w, string op, Expr left, Expr right)
    {
        w.WriteStartObject(op);
        w.WritePropertyName("left");
        WriteExpr(w, left);
        w.WritePropertyName("right");
        WriteExpr(w, right);
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, Value value)
    {
        switch (value)
        {
            case BoolValue b:
                w.WriteBooleanValue(b.Value);
                break;
            case LongValue l:
                w.WriteNumberValue(l.Value);
                break;
            case StringValue s:
                w.WriteStringValue(s.Value);
                break;
            case EntityValue e:
                w.WriteStartObject();
                w.WritePropertyName("__entity");
                WriteUid(w, e.Uid);
                w.WriteEndObject();
                break;
            case SetValue set:
                w.WriteStartArray();
                foreach (var element in set.Items)
                {
                    WriteValue(w, element);
                }

                w.WriteEndArray();
                break;
            case RecordValue rec:
                w.WriteStartObject();
                foreach (var (key, v) in rec.Attributes.OrderBy(kv => kv.Key, CodePointComparer.Instance))
                {
                    w.WritePropertyName(key);
                    WriteValue(w, v);
                }

                w.WriteEndObject();
                break;
            case ExtensionValue ext:
                w.WriteStartObject();
                w.WriteStartObject("__extn");
                w.WriteString("fn", ext.ConstructorName);
                w.WriteString("arg", ext.ConstructorArgument);
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException("unknown value " + value.GetType().Name);
        }
    }

    internal static string VarName(Var v) => v switch
    {
        Var.Principal => "principal",
        Var.Action => "action",
        Var.Resource => "resource",
        _ => "context",
    };

    internal static string SlotName(SlotId s) => s == SlotId.Principal ? "?principal" : "?resource";

    internal static string UnaryName(UnaryOp op) => op switch
    {
        UnaryOp.Not => "!",
        UnaryOp.Neg => "neg",
        _ => "isEmpty",
    };

    internal static string BinaryName(BinaryOp op) => op switch
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
}
