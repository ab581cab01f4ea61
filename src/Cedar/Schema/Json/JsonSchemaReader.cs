using System.Text.Json;
using Cedar.Ast;
using Cedar.Parsing;
using Cedar.Schema.Text;
using Cedar.Schema.Written;

namespace Cedar.Schema.Json;

/// <summary>
/// Reads Cedar's JSON schema format into the written model. Unknown members, wrong JSON kinds, bad names and
/// duplicate keys are errors, as in Cedar. The JSON carries no useful positions, so errors have the empty span
/// except for JSON syntax errors.
/// </summary>
public sealed class JsonSchemaReader
{
    private const int MaxNesting = 200;

    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 2048, AllowTrailingCommas = false };

    private readonly List<ParseError> _errors = [];
    private int _depth;

    public static ParseResult<SchemaFragment> Read(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, s_options);
        }
        catch (JsonException e)
        {
            var offset = OffsetOf(json, (int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0));
            return ParseResult<SchemaFragment>.Fail(new ParseError(ParseErrorKind.InvalidJson, new SourceSpan(offset, 0), "invalid JSON: " + e.Message));
        }

        using (doc)
        {
            var reader = new JsonSchemaReader();
            var fragment = reader.ReadFragment(doc.RootElement);
            return reader._errors.Count > 0 ? ParseResult<SchemaFragment>.Fail(reader._errors) : ParseResult<SchemaFragment>.Ok(fragment);
        }
    }

    private static int OffsetOf(string text, int line, int column)
    {
        var offset = 0;
        for (var l = 0; l < line && offset < text.Length; l++)
        {
            var nl = text.IndexOf('\n', offset);
            offset = nl < 0 ? text.Length : nl + 1;
        }

        return Math.Min(text.Length, offset + column);
    }

    private SchemaFragment ReadFragment(JsonElement root)
    {
        var namespaces = new List<NamespaceDecl>();
        if (!ExpectObject(root, "a schema"))
        {
            return new SchemaFragment(namespaces);
        }

        foreach (var (name, value) in Members(root))
        {
            if (name.Length > 0)
            {
                CheckNamespaceName(name);
            }

            var ns = new NamespaceDecl(name, SourceSpan.None);
            ReadNamespace(ns, value);
            namespaces.Add(ns);
        }

        return new SchemaFragment(namespaces);
    }

    private void CheckNamespaceName(string name)
    {
        var parts = name.Split("::");
        if (parts.Any(p => !IsIdentifier(p)))
        {
            Error($"invalid namespace name `{name}`");
        }
        else if (parts.Contains("__cedar"))
        {
            Error("use of the reserved `__cedar` namespace");
        }
    }

    private static bool IsIdentifier(string s)
    {
        if (s.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (!(c == '_' || c is >= 'a' and <= 'z' || c is >= 'A' and <= 'Z' || (i > 0 && c is >= '0' and <= '9')))
            {
                return false;
            }
        }

        return s is not ("true" or "false" or "if" or "then" or "else" or "in" or "is" or "like" or "has");
    }

    private static bool IsPath(string s) => s.Split("::").All(IsIdentifier);

    private void CheckDeclaredName(string name, string what)
    {
        if (!IsIdentifier(name))
        {
            Error($"invalid {what} name `{name}`");
        }
        else if (name == "__cedar")
        {
            Error("use of the reserved `__cedar` namespace");
        }
    }

    private void ReadNamespace(NamespaceDecl ns, JsonElement value)
    {
        if (!ExpectObject(value, "a namespace definition"))
        {
            return;
        }

        var sawEntityTypes = false;
        var sawActions = false;
        foreach (var (key, member) in Members(value))
        {
            switch (key)
            {
                case "commonTypes":
                    if (ExpectObject(member, "commonTypes"))
                    {
                        foreach (var (name, t) in Members(member))
                        {
                            CheckDeclaredName(name, "common type");
                            if (CedarSchemaParser.IsReservedTypeKeyword(name))
                            {
                                Error($"this uses a reserved schema keyword: `{name}`");
                            }

                            var type = ReadType(t, allowCommonAnnotations: true, out var annotations, out _);
                            if (type is not null)
                            {
                                ns.CommonTypes.Add(new CommonTypeDecl(name, type, annotations, SourceSpan.None));
                            }
                        }
                    }

                    break;
                case "entityTypes":
                    sawEntityTypes = true;
                    if (ExpectObject(member, "entityTypes"))
                    {
                        foreach (var (name, e) in Members(member))
                        {
                            CheckDeclaredName(name, "entity type");
                            if (ReadEntityType(name, e) is { } decl)
                            {
                                ns.EntityTypes.Add(decl);
                            }
                        }
                    }

                    break;
                case "actions":
                    sawActions = true;
                    if (ExpectObject(member, "actions"))
                    {
                        foreach (var (name, a) in Members(member))
                        {
                            if (ReadAction(name, a) is { } decl)
                            {
                                ns.Actions.Add(decl);
                            }
                        }
                    }

                    break;
                case "annotations":
                    if (ns.Name.Length == 0)
                    {
                        Error("annotations are not allowed on the empty namespace");
                    }

                    ns.Annotations.AddRange(ReadAnnotations(member));
                    break;
                default:
                    Error($"unknown field `{key}`, expected one of `commonTypes`, `entityTypes`, `actions`, `annotations`");
                    break;
            }
        }

        if (!sawEntityTypes)
        {
            Error("missing field `entityTypes`");
        }

        if (!sawActions)
        {
            Error("missing field `actions`");
        }
    }

    private EntityTypeDecl? ReadEntityType(string name, JsonElement e)
    {
        if (!ExpectObject(e, "an entity type"))
        {
            return null;
        }

        var memberOf = new List<NameRef>();
        TypeExpr? shape = null;
        TypeExpr? tags = null;
        List<string>? enumIds = null;
        IReadOnlyList<AnnotationDecl> annotations = [];
        var standardFields = new List<string>();
        foreach (var (key, v) in Members(e))
        {
            switch (key)
            {
                case "memberOfTypes":
                    standardFields.Add(key);
                    foreach (var s in Strings(v, "memberOfTypes"))
                    {
                        if (!IsPath(s))
                        {
                            Error($"invalid entity type name `{s}`");
                        }

                        memberOf.Add(new NameRef(s, SourceSpan.None));
                    }

                    break;
                case "shape":
                    standardFields.Add(key);
                    shape = ReadType(v, false, out _, out _);
                    break;
                case "tags":
                    standardFields.Add(key);
                    tags = ReadType(v, false, out _, out _);
                    break;
                case "enum":
                    enumIds = Strings(v, "enum");
                    if (enumIds.Count == 0)
                    {
                        Error("the vector provided was empty, NonEmpty needs at least one element");
                    }

                    break;
                case "annotations":
                    annotations = ReadAnnotations(v);
                    break;
                default:
                    Error($"unknown field `{key}` in entity type `{name}`");
                    break;
            }
        }

        if (enumIds is not null && standardFields.Count > 0)
        {
            Error("unexpected field: " + standardFields[0]);
        }

        return new EntityTypeDecl(name, memberOf, enumIds is null ? shape ?? TypeExpr.Record([], false, SourceSpan.None) : null, tags, enumIds, annotations, SourceSpan.None);
    }

    private ActionDecl? ReadAction(string name, JsonElement a)
    {
        if (!ExpectObject(a, "an action"))
        {
            return null;
        }

        List<ActionRef>? memberOf = null;
        AppliesToDecl? appliesTo = null;
        IReadOnlyList<AnnotationDecl> annotations = [];
        foreach (var (key, v) in Members(a))
        {
            switch (key)
            {
                case "memberOf":
                    if (v.ValueKind == JsonValueKind.Null)
                    {
                        break;
                    }

                    memberOf = [];
                    if (v.ValueKind != JsonValueKind.Array)
                    {
                        Error("`memberOf` must be an array");
                        break;
                    }

                    foreach (var item in v.EnumerateArray())
                    {
                        if (ReadActionRef(item) is { } r)
                        {
                            memberOf.Add(r);
                        }
                    }

                    break;
                case "appliesTo":
                    if (v.ValueKind != JsonValueKind.Null)
                    {
                        appliesTo = ReadAppliesTo(v);
                    }

                    break;
                case "attributes":
                    if (v.ValueKind != JsonValueKind.Null)
                    {
                        Error($"unsupported feature used in schema: action declared with attributes: [{name}]");
                    }

                    break;
                case "annotations":
                    annotations = ReadAnnotations(v);
                    break;
                default:
                    Error($"unknown field `{key}` in action `{name}`");
                    break;
            }
        }

        return new ActionDecl(name, memberOf, appliesTo, annotations, SourceSpan.None);
    }

    private ActionRef? ReadActionRef(JsonElement item)
    {
        if (!ExpectObject(item, "an action reference"))
        {
            return null;
        }

        string? id = null;
        string? type = null;
        foreach (var (key, v) in Members(item))
        {
            switch (key)
            {
                case "id":
                    id = StringValue(v, "id");
                    break;
                case "type":
                    type = StringValue(v, "type");
                    if (type is not null && !IsPath(type))
                    {
                        Error($"invalid action type `{type}`");
                    }

                    break;
                default:
                    Error($"unknown field `{key}` in an action reference");
                    break;
            }
        }

        if (id is null)
        {
            Error("missing field `id`");
            return null;
        }

        return new ActionRef(type, id, SourceSpan.None);
    }

    private AppliesToDecl? ReadAppliesTo(JsonElement v)
    {
        if (!ExpectObject(v, "appliesTo"))
        {
            return null;
        }

        List<NameRef>? principals = null;
        List<NameRef>? resources = null;
        TypeExpr? context = null;
        foreach (var (key, m) in Members(v))
        {
            switch (key)
            {
                case "principalTypes":
                    principals = Strings(m, key).Select(s => new NameRef(s, SourceSpan.None)).ToList();
                    break;
                case "resourceTypes":
                    resources = Strings(m, key).Select(s => new NameRef(s, SourceSpan.None)).ToList();
                    break;
                case "context":
                    context = ReadType(m, false, out _, out _);
                    break;
                default:
                    Error($"unknown field `{key}` in appliesTo");
                    break;
            }
        }

        foreach (var r in (principals ?? []).Concat(resources ?? []))
        {
            if (!IsPath(r.Name))
            {
                Error($"invalid entity type name `{r.Name}`");
            }
        }

        if (principals is null)
        {
            Error("missing field `principalTypes`");
        }

        if (resources is null)
        {
            Error("missing field `resourceTypes`");
        }

        return new AppliesToDecl(principals ?? [], resources ?? [], context, SourceSpan.None);
    }

    /// <summary>Reads a type object; common-type definitions may carry annotations, record attributes carry <c>required</c> too.</summary>
    private TypeExpr? ReadType(JsonElement v, bool allowCommonAnnotations, out IReadOnlyList<AnnotationDecl> annotations, out bool required, bool isAttribute = false)
    {
        annotations = [];
        required = true;
        if (!ExpectObject(v, "a type"))
        {
            return null;
        }

        if (++_depth > MaxNesting)
        {
            _depth--;
            _errors.Add(new(ParseErrorKind.NestingTooDeep, SourceSpan.None, "type nesting is too deep"));
            return null;
        }

        try
        {
            string? typeName = null;
            string? name = null;
            JsonElement? element = null;
            JsonElement? attributes = null;
            var additional = false;
            var members = Members(v).ToList();
            foreach (var (key, m) in members)
            {
                switch (key)
                {
                    case "type": typeName = StringValue(m, "type"); break;
                    case "name": name = StringValue(m, "name"); break;
                    case "element": element = m; break;
                    case "attributes": attributes = m; break;
                    case "additionalAttributes":
                        if (m.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        {
                            additional = m.ValueKind == JsonValueKind.True;
                        }
                        else
                        {
                            Error("`additionalAttributes` must be a boolean");
                        }

                        break;
                    case "required" when isAttribute:
                        if (m.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        {
                            required = m.ValueKind == JsonValueKind.True;
                        }
                        else
                        {
                            Error("`required` must be a boolean");
                        }

                        break;
                    case "annotations" when isAttribute || allowCommonAnnotations:
                        annotations = ReadAnnotations(m);
                        break;
                    default:
                        Error($"unknown field `{key}` in a type");
                        break;
                }
            }

            if (typeName is null)
            {
                Error("missing field `type`");
                return null;
            }

            void Unexpected(bool present, string field)
            {
                if (present)
                {
                    Error($"unexpected field `{field}` for type `{typeName}`");
                }
            }

            switch (typeName)
            {
                case "Long" or "String" or "Boolean":
                    Unexpected(name is not null, "name");
                    Unexpected(element is not null, "element");
                    Unexpected(attributes is not null, "attributes");
                    return TypeExpr.Primitive(typeName switch { "Long" => TypeExprKind.Long, "String" => TypeExprKind.String, _ => TypeExprKind.Boolean }, SourceSpan.None);
                case "Set":
                    Unexpected(name is not null, "name");
                    Unexpected(attributes is not null, "attributes");
                    if (element is null)
                    {
                        Error("missing field `element`");
                        return null;
                    }

                    return ReadType(element.Value, false, out _, out _) is { } el ? TypeExpr.Set(el, SourceSpan.None) : null;
                case "Record":
                    {
                        Unexpected(name is not null, "name");
                        Unexpected(element is not null, "element");
                        var attrs = new List<AttributeDecl>();
                        if (attributes is null)
                        {
                            Error("missing field `attributes`");
                            return null;
                        }

                        if (ExpectObject(attributes.Value, "attributes"))
                        {
                            foreach (var (attrName, attrType) in Members(attributes.Value))
                            {
                                var t = ReadType(attrType, false, out var attrAnnotations, out var attrRequired, isAttribute: true);
                                if (t is not null)
                                {
                                    attrs.Add(new AttributeDecl(attrName, t, attrRequired, attrAnnotations, SourceSpan.None));
                                }
                            }
                        }

                        return TypeExpr.Record(attrs, additional, SourceSpan.None);
                    }

                case "Entity" or "Extension" or "EntityOrCommon":
                    Unexpected(element is not null, "element");
                    Unexpected(attributes is not null, "attributes");
                    if (name is null)
                    {
                        Error("missing field `name`");
                        return null;
                    }

                    if (typeName == "Extension" ? !IsIdentifier(name) : !IsPath(name))
                    {
                        Error($"invalid type name `{name}`");
                    }

                    return TypeExpr.Named(
                        typeName switch { "Entity" => TypeExprKind.Entity, "Extension" => TypeExprKind.Extension, _ => TypeExprKind.EntityOrCommon },
                        name,
                        SourceSpan.None);
                default:
                    Unexpected(name is not null, "name");
                    Unexpected(element is not null, "element");
                    Unexpected(attributes is not null, "attributes");
                    if (!IsPath(typeName))
                    {
                        Error($"invalid common type name `{typeName}`");
                    }

                    return TypeExpr.Named(TypeExprKind.CommonRef, typeName, SourceSpan.None);
            }
        }
        finally
        {
            _depth--;
        }
    }

    private List<AnnotationDecl> ReadAnnotations(JsonElement v)
    {
        var list = new List<AnnotationDecl>();
        if (!ExpectObject(v, "annotations"))
        {
            return list;
        }

        foreach (var (key, value) in Members(v))
        {
            if (!IsAnyIdentifier(key))
            {
                Error($"invalid annotation key `{key}`");
            }

            if (value.ValueKind == JsonValueKind.Null)
            {
                list.Add(new AnnotationDecl(key, "", SourceSpan.None));
            }
            else if (StringValue(value, "annotation value") is { } s)
            {
                list.Add(new AnnotationDecl(key, s, SourceSpan.None));
            }
        }

        return list;
    }

    private static bool IsAnyIdentifier(string s) =>
        s.Length > 0 && s.Select((c, i) => c == '_' || c is >= 'a' and <= 'z' || c is >= 'A' and <= 'Z' || (i > 0 && c is >= '0' and <= '9')).All(b => b);

    /// <summary>The members of an object; a key given twice is an error, as in Cedar.</summary>
    private IEnumerable<(string Name, JsonElement Value)> Members(JsonElement obj)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            if (!seen.Add(p.Name))
            {
                Error($"the key `{p.Name}` occurs two or more times in the same JSON object");
                continue;
            }

            yield return (p.Name, p.Value);
        }
    }

    private List<string> Strings(JsonElement v, string what)
    {
        var list = new List<string>();
        if (v.ValueKind != JsonValueKind.Array)
        {
            Error($"`{what}` must be an array of strings");
            return list;
        }

        foreach (var item in v.EnumerateArray())
        {
            if (StringValue(item, what) is { } s)
            {
                list.Add(s);
            }
        }

        return list;
    }

    private string? StringValue(JsonElement v, string what)
    {
        if (v.ValueKind != JsonValueKind.String)
        {
            Error($"`{what}` must be a string");
            return null;
        }

        return v.GetString();
    }

    private bool ExpectObject(JsonElement v, string what)
    {
        if (v.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Error($"expected {what} to be a JSON object, found {v.ValueKind}");
        return false;
    }

    private void Error(string message) => _errors.Add(new ParseError(ParseErrorKind.InvalidSchema, SourceSpan.None, message));
}
