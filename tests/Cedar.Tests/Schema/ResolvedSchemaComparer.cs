using System.Text;
using System.Text.Json.Nodes;
using Cedar.Schema;

namespace Cedar.Tests.Schema;

/// <summary>
/// Describes a resolved schema as canonical text, either ours (<see cref="ValidatorSchema"/>) or cedar-wasm's
/// <c>schemaToJsonWithResolvedTypes</c> answer (whose common-type references are inlined here), so the two compare as strings.
/// </summary>
internal static class ResolvedSchemaComparer
{
    public static string Describe(ValidatorSchema schema)
    {
        var lines = new List<string>();
        foreach (var (name, et) in schema.EntityTypes)
        {
            var sb = new StringBuilder("entity " + name.FullName);
            sb.Append(" in [").AppendJoin(",", et.MemberOfTypes.Select(m => m.FullName).Order(StringComparer.Ordinal)).Append(']');
            if (et.EnumIds is { } ids)
            {
                sb.Append(" enum [").AppendJoin(",", ids).Append(']');
            }

            sb.Append(" = ").Append(Describe(et.Attributes));
            if (et.Tags is { } tags)
            {
                sb.Append(" tags ").Append(Describe(tags));
            }

            lines.Add(sb.ToString());
        }

        foreach (var (uid, a) in schema.Actions)
        {
            lines.Add("action " + uid + " in [" + string.Join(",", a.MemberOf.Select(m => m.ToString()).Order(StringComparer.Ordinal)) + "] principal ["
                + string.Join(",", a.PrincipalTypes.Select(p => p.FullName).Order(StringComparer.Ordinal)) + "] resource ["
                + string.Join(",", a.ResourceTypes.Select(p => p.FullName).Order(StringComparer.Ordinal)) + "] context " + Describe(a.Context));
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    private static string Describe(SchemaType t) => t switch
    {
        PrimitiveType p => p.Kind.ToString(),
        EntityRefType e => "Entity(" + e.EntityType.FullName + ")",
        SetType s => "Set<" + Describe(s.Element) + ">",
        ExtensionType x => "Ext(" + x.Name + ")",
        RecordType r => "{" + string.Join(",", r.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => a.Key + (a.Value.Required ? ":" : "?:") + Describe(a.Value.Type))) + "}",
        _ => throw new InvalidOperationException("unknown type " + t),
    };

    public static string Describe(JsonObject oracle)
    {
        var commonTypes = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var (ns, def) in oracle)
        {
            if (def!["commonTypes"] is JsonObject cts)
            {
                foreach (var (name, type) in cts)
                {
                    commonTypes[ns.Length == 0 ? name : ns + "::" + name] = type!;
                }
            }
        }

        var lines = new List<string>();
        foreach (var (ns, def) in oracle)
        {
            string Q(string n) => ns.Length == 0 ? n : ns + "::" + n;
            foreach (var (name, et) in (JsonObject)def!["entityTypes"]!)
            {
                var sb = new StringBuilder("entity " + Q(name));
                var parents = (et!["memberOfTypes"] as JsonArray)?.Select(m => m!.GetValue<string>()) ?? [];
                sb.Append(" in [").AppendJoin(",", parents.Order(StringComparer.Ordinal)).Append(']');
                if (et["enum"] is JsonArray ids)
                {
                    sb.Append(" enum [").AppendJoin(",", ids.Select(i => i!.GetValue<string>())).Append(']');
                }

                sb.Append(" = ").Append(et["shape"] is { } shape ? Describe(shape, commonTypes) : "{}");
                if (et["tags"] is { } tags)
                {
                    sb.Append(" tags ").Append(Describe(tags, commonTypes));
                }

                lines.Add(sb.ToString());
            }

            foreach (var (name, a) in (JsonObject)def["actions"]!)
            {
                var uid = new Cedar.Ast.EntityUid(Q("Action"), name);
                var parents = (a!["memberOf"] as JsonArray)?.Select(m =>
                    new Cedar.Ast.EntityUid(m!["type"]?.GetValue<string>() ?? Q("Action"), m["id"]!.GetValue<string>()).ToString()) ?? [];
                var applies = a["appliesTo"];
                var principals = (applies?["principalTypes"] as JsonArray)?.Select(p => p!.GetValue<string>()).Distinct() ?? [];
                var resources = (applies?["resourceTypes"] as JsonArray)?.Select(p => p!.GetValue<string>()).Distinct() ?? [];
                var context = applies?["context"] is { } c ? Describe(c, commonTypes) : "{}";
                lines.Add("action " + uid + " in [" + string.Join(",", parents.Distinct().Order(StringComparer.Ordinal)) + "] principal ["
                    + string.Join(",", principals.Order(StringComparer.Ordinal)) + "] resource ["
                    + string.Join(",", resources.Order(StringComparer.Ordinal)) + "] context " + context);
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    private static string Describe(JsonNode t, Dictionary<string, JsonNode> commonTypes)
    {
        var type = t["type"]!.GetValue<string>();
        switch (type)
        {
            case "Long": return "Long";
            case "String": return "String";
            case "Boolean": return "Bool";
            case "Set": return "Set<" + Describe(t["element"]!, commonTypes) + ">";
            case "Entity": return "Entity(" + t["name"]!.GetValue<string>() + ")";
            case "Extension": return "Ext(" + t["name"]!.GetValue<string>() + ")";
            case "Record":
                return "{" + string.Join(",", ((JsonObject)t["attributes"]!).OrderBy(a => a.Key, StringComparer.Ordinal)
                    .Select(a => a.Key + (a.Value!["required"]?.GetValue<bool>() == false ? "?:" : ":") + Describe(a.Value!, commonTypes))) + "}";
        }

        if (commonTypes.TryGetValue(type, out var def))
        {
            return Describe(def, commonTypes);
        }

        var builtin = type.StartsWith("__cedar::", StringComparison.Ordinal) ? type["__cedar::".Length..] : type;
        return builtin switch
        {
            "Long" => "Long",
            "String" => "String",
            "Bool" => "Bool",
            "ipaddr" or "decimal" or "datetime" or "duration" => "Ext(" + builtin + ")",
            _ => throw new InvalidOperationException("oracle type not understood: " + type),
        };
    }
}
