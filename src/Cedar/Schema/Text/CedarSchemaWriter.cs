using System.Text;
using Cedar.Ast;
using Cedar.Schema.Written;

namespace Cedar.Schema.Text;

/// <summary>
/// Prints a written schema in the human-readable syntax exactly as cedar-wasm's <c>schemaToText</c> does
/// (its quirks included: builtins from JSON print as <c>__cedar::</c> names, an empty nested record keeps its
/// indentation between the braces, tag types print without indentation).
/// </summary>
public static class CedarSchemaWriter
{
    private const int IndentStep = 2;

    private static readonly HashSet<string> s_reserved =
        new(["true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar"], StringComparer.Ordinal);

    /// <summary>Why the schema cannot be printed in the Cedar syntax (as cedar-wasm refuses it), or null when it can.</summary>
    public static string? CannotWriteReason(SchemaFragment fragment)
    {
        var collisions = new List<string>();
        var shapes = new List<string>();
        foreach (var ns in fragment.Namespaces)
        {
            if (ns.Name.Length > 0)
            {
                var common = new HashSet<string>(ns.CommonTypes.Select(c => c.Name), StringComparer.Ordinal);
                collisions.AddRange(ns.EntityTypes.Where(e => common.Contains(e.Name)).Select(e => ns.Name + "::" + e.Name));
            }

            shapes.AddRange(ns.EntityTypes
                .Where(e => e.EnumIds is null && e.Shape is not null && e.Shape.Kind != TypeExprKind.Record)
                .Select(e => ns.Name.Length == 0 ? e.Name : ns.Name + "::" + e.Name));
        }

        if (collisions.Count > 0)
        {
            return "There are name collisions: [" + string.Join(", ", collisions) + "]";
        }

        return shapes.Count > 0
            ? "The following entities have shapes that cannot be converted to Cedar schema syntax: [" + string.Join(", ", shapes) + "]"
            : null;
    }

    public static string Write(SchemaFragment fragment)
    {
        var sb = new StringBuilder();
        var namespaces = fragment.Namespaces.OrderBy(n => n.Name, NamespaceOrder.Instance).ToList();
        for (var i = 0; i < namespaces.Count; i++)
        {
            var ns = namespaces[i];
            if (ns.Name.Length == 0)
            {
                WriteNamespaceBody(sb, ns, "");
            }
            else
            {
                WriteAnnotations(sb, ns.Annotations, "");
                sb.Append("namespace ").Append(ns.Name).Append(" {\n");
                WriteNamespaceBody(sb, ns, new string(' ', IndentStep));
                sb.Append("}\n");
            }

            if (i < namespaces.Count - 1)
            {
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    private static void WriteNamespaceBody(StringBuilder sb, NamespaceDecl ns, string indent)
    {
        var total = ns.CommonTypes.Count + ns.EntityTypes.Count + ns.Actions.Count;
        var written = 0;
        foreach (var ct in ns.CommonTypes.OrderBy(c => c.Name, Utf8Order.Instance))
        {
            WriteAnnotations(sb, ct.Annotations, indent);
            sb.Append(indent).Append("type ").Append(ct.Name).Append(" = ");
            WriteType(sb, ct.Type, indent);
            sb.Append(";\n");
            Separate(sb, ++written, total);
        }

        foreach (var et in ns.EntityTypes.OrderBy(e => e.Name, Utf8Order.Instance))
        {
            WriteAnnotations(sb, et.Annotations, indent);
            sb.Append(indent).Append("entity ").Append(et.Name);
            if (et.EnumIds is { } ids)
            {
                sb.Append(" enum [").AppendJoin(", ", ids.Select(id => "\"" + StringEscaper.Escape(id) + "\"")).Append(']');
            }
            else
            {
                if (et.MemberOfTypes.Count > 0)
                {
                    sb.Append(" in [").AppendJoin(", ", et.MemberOfTypes.Select(m => m.Name)).Append(']');
                }

                if (et.Shape is { } shape && !shape.IsEmptyRecord)
                {
                    sb.Append(" = ");
                    WriteType(sb, shape, indent);
                }

                if (et.Tags is { } tags)
                {
                    sb.Append(" tags ");
                    WriteType(sb, tags, "");
                }
            }

            sb.Append(";\n");
            Separate(sb, ++written, total);
        }

        foreach (var a in ns.Actions.OrderBy(a => a.Name, Utf8Order.Instance))
        {
            WriteAnnotations(sb, a.Annotations, indent);
            sb.Append(indent).Append("action \"").Append(StringEscaper.Escape(a.Name)).Append('"');
            if (a.MemberOf is { Count: > 0 } parents)
            {
                sb.Append(" in [").AppendJoin(", ", parents.Select(p => (p.Type ?? "Action") + "::\"" + StringEscaper.Escape(p.Id) + "\"")).Append(']');
            }

            if (a.AppliesTo is { PrincipalTypes.Count: > 0, ResourceTypes.Count: > 0 } applies)
            {
                var member = indent + new string(' ', IndentStep);
                sb.Append(" appliesTo {\n").Append(member).Append("principal: [").AppendJoin(", ", applies.PrincipalTypes.Select(p => p.Name)).Append("],\n");
                sb.Append(member).Append("resource: [").AppendJoin(", ", applies.ResourceTypes.Select(p => p.Name)).Append("],\n");
                sb.Append(member).Append("context: ");
                if (applies.Context is null || applies.Context.IsEmptyRecord)
                {
                    sb.Append("{}");
                }
                else
                {
                    WriteType(sb, applies.Context, member);
                }

                sb.Append('\n').Append(indent).Append('}');
            }

            sb.Append(";\n");
            Separate(sb, ++written, total);
        }
    }

    private static void Separate(StringBuilder sb, int written, int total)
    {
        if (written < total)
        {
            sb.Append('\n');
        }
    }

    private static void WriteAnnotations(StringBuilder sb, IReadOnlyList<AnnotationDecl> annotations, string indent)
    {
        foreach (var a in annotations.OrderBy(a => a.Key, Utf8Order.Instance))
        {
            sb.Append(indent).Append('@').Append(a.Key).Append("(\"").Append(StringEscaper.Escape(a.Value)).Append("\")\n");
        }
    }

    private static void WriteType(StringBuilder sb, TypeExpr type, string indent)
    {
        // Iterate through Set<...> wrappers so only records recurse; depth was bounded when the type was read.
        var closers = 0;
        while (type.Kind == TypeExprKind.Set)
        {
            sb.Append("Set<");
            closers++;
            type = type.Element!;
        }

        switch (type.Kind)
        {
            case TypeExprKind.Boolean: sb.Append("__cedar::Bool"); break;
            case TypeExprKind.Long: sb.Append("__cedar::Long"); break;
            case TypeExprKind.String: sb.Append("__cedar::String"); break;
            case TypeExprKind.Extension: sb.Append("__cedar::").Append(type.Name); break;
            case TypeExprKind.Record: WriteRecord(sb, type, indent); break;
            default: sb.Append(type.Name); break;
        }

        sb.Append('>', closers);
    }

    private static void WriteRecord(StringBuilder sb, TypeExpr record, string indent)
    {
        var member = indent + new string(' ', IndentStep);
        sb.Append('{');
        var attributes = record.Attributes.OrderBy(a => a.Name, Utf8Order.Instance).ToList();
        for (var i = 0; i < attributes.Count; i++)
        {
            var attr = attributes[i];
            if (i == 0)
            {
                sb.Append('\n');
            }

            WriteAnnotations(sb, attr.Annotations, member);
            sb.Append(member);
            if (IsNormalizedIdentifier(attr.Name))
            {
                sb.Append(attr.Name);
            }
            else
            {
                sb.Append('"').Append(StringEscaper.Escape(attr.Name)).Append('"');
            }

            sb.Append(attr.Required ? ": " : "?: ");
            WriteType(sb, attr.Type, member);
            sb.Append(i < attributes.Count - 1 ? ",\n" : "\n");
        }

        sb.Append(indent).Append('}');
    }

    internal static bool IsNormalizedIdentifier(string s)
    {
        if (s.Length == 0 || s_reserved.Contains(s))
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var ok = c == '_' || c is >= 'a' and <= 'z' || c is >= 'A' and <= 'Z' || (i > 0 && c is >= '0' and <= '9');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
