using Cedar.Ast;
using Cedar.Schema;

namespace Cedar.Validation;

/// <summary>One request environment: a principal type, an action, a resource type, and the slot types of a template.</summary>
internal sealed record RequestEnvironment(
    Name Principal,
    ActionDefinition Action,
    Name Resource,
    CedarType Context,
    Name? PrincipalSlot,
    Name? ResourceSlot);

/// <summary>
/// A <see cref="ValidatorSchema"/> prepared for type checking: validator types for attributes, contexts and tags,
/// the descendant relation of entity types and actions, and the request environments.
/// </summary>
internal sealed class SchemaIndex
{
    private readonly Dictionary<Name, CedarType> _attributes = [];
    private readonly Dictionary<Name, CedarType?> _tags = [];
    private readonly Dictionary<Name, HashSet<Name>> _descendants = [];
    private readonly Dictionary<EntityUid, HashSet<EntityUid>> _actionDescendants = [];
    private readonly HashSet<Name> _actionEntityTypes = [];

    public SchemaIndex(ValidatorSchema schema)
    {
        Schema = schema;
        foreach (var (name, def) in schema.EntityTypes)
        {
            _attributes[name] = Convert(def.Attributes);
            _tags[name] = def.Tags is null ? null : Convert(def.Tags);
            _descendants[name] = [];
        }

        // descendants(T): every type that may be a (transitive) member of an entity of type T.
        foreach (var (name, def) in schema.EntityTypes)
        {
            var stack = new Stack<Name>(def.MemberOfTypes);
            var seen = new HashSet<Name>();
            while (stack.Count > 0)
            {
                var ancestor = stack.Pop();
                if (!seen.Add(ancestor))
                {
                    continue;
                }

                if (_descendants.TryGetValue(ancestor, out var set))
                {
                    set.Add(name);
                }

                if (schema.EntityTypes.TryGetValue(ancestor, out var ancestorDef))
                {
                    foreach (var next in ancestorDef.MemberOfTypes)
                    {
                        stack.Push(next);
                    }
                }
            }
        }

        foreach (var (uid, _) in schema.Actions)
        {
            _actionDescendants[uid] = [];
            _actionEntityTypes.Add(uid.Type);
        }

        foreach (var (uid, def) in schema.Actions)
        {
            var stack = new Stack<EntityUid>(def.MemberOf);
            var seen = new HashSet<EntityUid>();
            while (stack.Count > 0)
            {
                var group = stack.Pop();
                if (!seen.Add(group))
                {
                    continue;
                }

                if (_actionDescendants.TryGetValue(group, out var set))
                {
                    set.Add(uid);
                }

                if (schema.Actions.TryGetValue(group, out var groupDef))
                {
                    foreach (var next in groupDef.MemberOf)
                    {
                        stack.Push(next);
                    }
                }
            }
        }

        var envs = new List<RequestEnvironment>();
        foreach (var (_, action) in schema.Actions.OrderBy(a => a.Key.ToString(), StringComparer.Ordinal))
        {
            if (!action.HasAppliesTo)
            {
                continue;
            }

            var context = Convert(action.Context);
            foreach (var p in action.PrincipalTypes)
            {
                foreach (var r in action.ResourceTypes)
                {
                    envs.Add(new RequestEnvironment(p, action, r, context, null, null));
                }
            }
        }

        Environments = envs;
    }

    public ValidatorSchema Schema { get; }

    public IReadOnlyList<RequestEnvironment> Environments { get; }

    public IEnumerable<Name> EntityTypeNames => Schema.EntityTypes.Keys;

    public bool IsKnownEntityType(Name type) => Schema.EntityTypes.ContainsKey(type) || _actionEntityTypes.Contains(type);

    public bool IsEntityType(Name type) => Schema.EntityTypes.ContainsKey(type);

    public bool IsKnownAction(EntityUid uid) => Schema.Actions.ContainsKey(uid);

    public CedarType? AttributesOf(Name entityType) => _attributes.GetValueOrDefault(entityType);

    public CedarType? TagTypeOf(Name entityType) => _tags.GetValueOrDefault(entityType);

    /// <summary>Whether an entity of type <paramref name="descendant"/> may be in an entity of type <paramref name="ancestor"/>.</summary>
    public bool HasDescendant(Name ancestor, Name descendant) =>
        _descendants.TryGetValue(ancestor, out var set) && set.Contains(descendant);

    /// <summary>The entity types whose entities may be <c>in</c> an entity of type <paramref name="type"/> (itself included).</summary>
    public IEnumerable<Name> EntityTypesIn(Name type)
    {
        if (_descendants.TryGetValue(type, out var set))
        {
            foreach (var d in set)
            {
                yield return d;
            }
        }

        yield return type;
    }

    /// <summary>Every action in one of <paramref name="uids"/> (themselves included), or null when one is not a declared action.</summary>
    public HashSet<EntityUid>? ActionsInSet(IEnumerable<EntityUid> uids)
    {
        var result = new HashSet<EntityUid>();
        foreach (var uid in uids)
        {
            if (!_actionDescendants.TryGetValue(uid, out var set))
            {
                return null;
            }

            result.Add(uid);
            result.UnionWith(set);
        }

        return result;
    }

    /// <summary>Whether some action of type <paramref name="ancestorType"/> has a descendant action of type <paramref name="descendantType"/>.</summary>
    public bool ActionTypeMayBeIn(Name descendantType, Name ancestorType)
    {
        if (descendantType == ancestorType)
        {
            return true;
        }

        foreach (var (uid, set) in _actionDescendants)
        {
            if (uid.Type == ancestorType && set.Any(d => d.Type == descendantType))
            {
                return true;
            }
        }

        return false;
    }

    public static CedarType Convert(SchemaType type) => type switch
    {
        PrimitiveType p when p.Kind == SchemaTypeKind.Bool => CedarType.Bool,
        PrimitiveType p when p.Kind == SchemaTypeKind.Long => CedarType.Long,
        PrimitiveType => CedarType.String,
        EntityRefType e => CedarType.Entity(e.EntityType),
        SetType s => CedarType.SetOf(Convert(s.Element)),
        RecordType r => Convert(r),
        ExtensionType x => CedarType.Extension(ExtensionName(x.Name)),
        _ => throw new InvalidOperationException("unknown schema type " + type.GetType().Name),
    };

    public static CedarType Convert(RecordType record) =>
        CedarType.Record(record.Attributes.Select(a => KeyValuePair.Create(a.Key, new AttributeInfo(Convert(a.Value.Type), a.Value.Required))), record.AdditionalAttributes);

    private static string ExtensionName(string name) => name.StartsWith("__cedar::", StringComparison.Ordinal) ? name["__cedar::".Length..] : name;
}
