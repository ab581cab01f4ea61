using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cedar.Schema.Written;

namespace Cedar.Schema.Json;

/// <summary>Writes a written schema in Cedar's JSON schema format, with the members cedar-wasm's <c>schemaToJson</c> gives.</summary>
public static class JsonSchemaWriter
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 4096,
    };

    public static string Write(SchemaFragment fragment)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, s_options))
        {
            w.WriteStartObject();
            foreach (var ns in fragment.Namespaces.OrderBy(n => n.Name, NamespaceOrder.Instance))
            {
                w.WritePropertyName(ns.Name);
                WriteNamespace(w, ns);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNamespace(Utf8JsonWriter w, NamespaceDecl ns)
    {
        w.WriteStartObject();
        if (ns.CommonTypes.Count > 0)
        {
            w.WriteStartObject("commonTypes");
            foreach (var ct in ns.CommonTypes.OrderBy(c => c.Name, Utf8Order.Instance))
            {
                w.WritePropertyName(ct.Name);
                WriteType(w, ct.Type, ct.Annotations, null);
            }

            w.WriteEndObject();
        }

        w.WriteStartObject("entityTypes");
        foreach (var et in ns.EntityTypes.OrderBy(e => e.Name, Utf8Order.Instance))
        {
            w.WriteStartObject(et.Name);
            if (et.EnumIds is { } ids)
            {
                w.WriteStartArray("enum");
                foreach (var id in ids)
                {
                    w.WriteStringValue(id);
                }

                w.WriteEndArray();
            }
            else
            {
                if (et.MemberOfTypes.Count > 0)
                {
                    w.WriteStartArray("memberOfTypes");
                    foreach (var m in et.MemberOfTypes)
                    {
                        w.WriteStringValue(m.Name);
                    }

                    w.WriteEndArray();
                }

                if (et.Shape is { } shape && !shape.IsEmptyRecord)
                {
                    w.WritePropertyName("shape");
                    WriteType(w, shape, [], null);
                }

                if (et.Tags is { } tags)
                {
                    w.WritePropertyName("tags");
                    WriteType(w, tags, [], null);
                }
            }

            WriteAnnotations(w, et.Annotations);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("actions");
        foreach (var a in ns.Actions.OrderBy(a => a.Name, Utf8Order.Instance))
        {
            w.WriteStartObject(a.Name);
            if (a.AppliesTo is { } applies)
            {
                w.WriteStartObject("appliesTo");
                w.WriteStartArray("resourceTypes");
                foreach (var r in applies.ResourceTypes)
                {
                    w.WriteStringValue(r.Name);
                }

                w.WriteEndArray();
                w.WriteStartArray("principalTypes");
                foreach (var p in applies.PrincipalTypes)
                {
                    w.WriteStringValue(p.Name);
                }

                w.WriteEndArray();
                if (applies.Context is { } context && !context.IsEmptyRecord)
                {
                    w.WritePropertyName("context");
                    WriteType(w, context, [], null);
                }

                w.WriteEndObject();
            }

            if (a.MemberOf is { } parents)
            {
                w.WriteStartArray("memberOf");
                foreach (var p in parents)
                {
                    w.WriteStartObject();
                    w.WriteString("id", p.Id);
                    if (p.Type is not null)
                    {
                        w.WriteString("type", p.Type);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            WriteAnnotations(w, a.Annotations);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        WriteAnnotations(w, ns.Annotations);
        w.WriteEndObject();
    }

    private static void WriteAnnotations(Utf8JsonWriter w, IReadOnlyList<AnnotationDecl> annotations)
    {
        if (annotations.Count == 0)
        {
            return;
        }

        w.WriteStartObject("annotations");
        foreach (var a in annotations.OrderBy(a => a.Key, Utf8Order.Instance))
        {
            w.WriteString(a.Key, a.Value);
        }

        w.WriteEndObject();
    }

    /// <summary>Writes a type object; <paramref name="required"/> is set for record attributes.</summary>
    private static void WriteType(Utf8JsonWriter w, TypeExpr type, IReadOnlyList<AnnotationDecl> annotations, bool? required)
    {
        w.WriteStartObject();
        switch (type.Kind)
        {
            case TypeExprKind.Long: w.WriteString("type", "Long"); break;
            case TypeExprKind.String: w.WriteString("type", "String"); break;
            case TypeExprKind.Boolean: w.WriteString("type", "Boolean"); break;
            case TypeExprKind.Entity:
                w.WriteString("type", "Entity");
                w.WriteString("name", type.Name);
                break;
            case TypeExprKind.Extension:
                w.WriteString("type", "Extension");
                w.WriteString("name", type.Name);
                break;
            case TypeExprKind.EntityOrCommon:
                w.WriteString("type", "EntityOrCommon");
                w.WriteString("name", type.Name);
                break;
            case TypeExprKind.CommonRef:
                w.WriteString("type", type.Name);
                break;
            case TypeExprKind.Set:
                w.WriteString("type", "Set");
                w.WritePropertyName("element");
                WriteType(w, type.Element!, [], null);
                break;
            case TypeExprKind.Record:
                w.WriteString("type", "Record");
                w.WriteStartObject("attributes");
                foreach (var attr in type.Attributes.OrderBy(a => a.Name, Utf8Order.Instance))
                {
                    w.WritePropertyName(attr.Name);
                    WriteType(w, attr.Type, attr.Annotations, attr.Required);
                }

                w.WriteEndObject();
                if (type.AdditionalAttributes)
                {
                    w.WriteBoolean("additionalAttributes", true);
                }

                break;
        }

        if (required == false)
        {
            w.WriteBoolean("required", false);
        }

        WriteAnnotations(w, annotations);
        w.WriteEndObject();
    }
}
