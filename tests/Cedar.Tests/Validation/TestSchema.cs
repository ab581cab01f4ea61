using System.Text.Json.Nodes;
using Cedar.Ast;
using Cedar.Schema;

namespace Cedar.Tests.Validation;

/// <summary>
/// Builds a resolved <see cref="ValidatorSchema"/> and the same schema in Cedar's JSON format, so a test can give the
/// first to our validator and the second to the official engine. Names may be namespaced (<c>App::User</c>).
/// </summary>
internal sealed class TestSchema
{
    private readonly Dictionary<Name, EntityTypeDefinition> _entities = [];
    private readonly Dictionary<EntityUid, ActionDefinition> _actions = [];

    public static SchemaType Long => PrimitiveType.Long;

    public static SchemaType Str => PrimitiveType.String;

    public static SchemaType Bool => PrimitiveType.Bool;

    public static SchemaType Ref(string entityType) => new EntityRefType(Name.FromFullName(entityType));

    public static SchemaType Set(SchemaType element) => new SetType(element);

    public static SchemaType Ext(string name) => new ExtensionType(name);

    public static RecordType Rec(params (string Name, SchemaType Type, bool Required)[] attributes) => Record(false, attributes);

    public static RecordType OpenRec(params (string Name, SchemaType Type, bool Required)[] attributes) => Record(true, attributes);

    private static RecordType Record(bool open, (string Name, SchemaType Type, bool Required)[] attributes) =>
        new(attributes.ToDictionary(a => a.Name, a => new AttributeType(a.Type, a.Required)), open);

    public TestSchema Entity(string name, string[]? memberOf = null, RecordType? attributes = null, SchemaType? tags = null)
    {
        var n = Name.FromFullName(name);
        _entities[n] = new EntityTypeDefinition(n, (memberOf ?? []).Select(Name.FromFullName).ToList(), attributes ?? RecordType.Empty, tags, null);
        return this;
    }

    public TestSchema Enum(string name, params string[] ids)
    {
        var n = Name.FromFullName(name);
        _entities[n] = new EntityTypeDefinition(n, [], RecordType.Empty, null, ids);
        return this;
    }

    /// <summary>An action; <paramref name="principals"/> null means no <c>appliesTo</c> at all.</summary>
    public TestSchema Action(string id, string[]? principals, string[]? resources = null, RecordType? context = null, string[]? memberOf = null, string ns = "")
    {
        var type = ns.Length == 0 ? "Action" : ns + "::Action";
        var uid = new EntityUid(type, id);
        _actions[uid] = new ActionDefinition(
            uid,
            (memberOf ?? []).Select(m => new EntityUid(type, m)).ToList(),
            (principals ?? []).Select(Name.FromFullName).ToList(),
            (resources ?? []).Select(Name.FromFullName).ToList(),
            context ?? RecordType.Empty,
            principals is not null);
        return this;
    }

    public ValidatorSchema Build() => new(_entities, _actions);

    public string ToJson()
    {
        var root = new JsonObject();
        JsonObject Namespace(string ns)
        {
            if (root[ns] is not JsonObject o)
            {
                o = new JsonObject { ["entityTypes"] = new JsonObject(), ["actions"] = new JsonObject() };
                root[ns] = o;
            }

            return o;
        }

        foreach (var (name, def) in _entities)
        {
            var e = new JsonObject();
            if (def.EnumIds is not null)
            {
                e["enum"] = new JsonArray(def.EnumIds.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
            }
            else
            {
                e["memberOfTypes"] = new JsonArray(def.MemberOfTypes.Select(m => (JsonNode)JsonValue.Create(m.FullName)).ToArray());
                e["shape"] = TypeJson(def.Attributes);
                if (def.Tags is not null)
                {
                    e["tags"] = TypeJson(def.Tags);
                }
            }

            Namespace(name.Namespace)["entityTypes"]!.AsObject()[name.Basename] = e;
        }

        foreach (var (uid, def) in _actions)
        {
            var a = new JsonObject
            {
                ["memberOf"] = new JsonArray(def.MemberOf.Select(m => (JsonNode)new JsonObject { ["id"] = m.Id, ["type"] = m.Type.FullName }).ToArray()),
            };
            if (def.HasAppliesTo)
            {
                a["appliesTo"] = new JsonObject
                {
                    ["principalTypes"] = new JsonArray(def.PrincipalTypes.Select(p => (JsonNode)JsonValue.Create(p.FullName)).ToArray()),
                    ["resourceTypes"] = new JsonArray(def.ResourceTypes.Select(p => (JsonNode)JsonValue.Create(p.FullName)).ToArray()),
                    ["context"] = TypeJson(def.Context),
                };
            }

            Namespace(uid.Type.Namespace)["actions"]!.AsObject()[uid.Id] = a;
        }

        return root.ToJsonString();
    }

    private static JsonObject TypeJson(SchemaType type)
    {
        switch (type)
        {
            case PrimitiveType p:
                return new JsonObject { ["type"] = p.Kind switch { SchemaTypeKind.Bool => "Boolean", SchemaTypeKind.Long => "Long", _ => "String" } };
            case EntityRefType e:
                return new JsonObject { ["type"] = "Entity", ["name"] = e.EntityType.FullName };
            case SetType s:
                return new JsonObject { ["type"] = "Set", ["element"] = TypeJson(s.Element) };
            case ExtensionType x:
                return new JsonObject { ["type"] = "Extension", ["name"] = x.Name };
            case RecordType r:
                var attrs = new JsonObject();
                foreach (var (k, v) in r.Attributes)
                {
                    var t = TypeJson(v.Type);
                    t["required"] = v.Required;
                    attrs[k] = t;
                }

                var rec = new JsonObject { ["type"] = "Record", ["attributes"] = attrs };
                if (r.AdditionalAttributes)
                {
                    rec["additionalAttributes"] = true;
                }

                return rec;
            default:
                throw new ArgumentException("unknown type", nameof(type));
        }
    }
}
