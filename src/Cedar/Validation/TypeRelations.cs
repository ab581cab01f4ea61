using Cedar.Ast;

namespace Cedar.Validation;

/// <summary>Why two types have no least upper bound; worded as Cedar's help text.</summary>
internal enum LubHint
{
    None,
    EntityType,
    EntityRecord,
    RecordWidth,
    AttributeQualifier,
}

/// <summary>Subtyping, least upper bounds, disjointness and attribute lookup, following Cedar's validator.</summary>
internal static class TypeRelations
{
    public static bool IsSubtype(SchemaIndex schema, CedarType t0, CedarType t1, bool strict)
    {
        switch (t0.Kind, t1.Kind)
        {
            case (CedarTypeKind.Never, _):
                return true;
            case (CedarTypeKind.True or CedarTypeKind.False, CedarTypeKind.Bool):
                return true;
            case (CedarTypeKind.True, CedarTypeKind.True):
            case (CedarTypeKind.False, CedarTypeKind.False):
            case (CedarTypeKind.Bool, CedarTypeKind.Bool):
            case (CedarTypeKind.Long, CedarTypeKind.Long):
            case (CedarTypeKind.String, CedarTypeKind.String):
                return true;
            case (CedarTypeKind.Set, CedarTypeKind.Set):
                if (t1.Element is null)
                {
                    return true;
                }

                return t0.Element is not null && IsSubtype(schema, t0.Element, t1.Element, strict);
            case (CedarTypeKind.Extension, CedarTypeKind.Extension):
                return t0.Name == t1.Name;
            case (CedarTypeKind.Record, CedarTypeKind.Record):
                if (t0.IsOpen && !t1.IsOpen)
                {
                    return false;
                }

                return (t1.IsOpen && !strict && AttributesSubtype(schema, t0, t1, strict)) ||
                       (SameKeys(t0, t1) && AttributesSubtype(schema, t0, t1, strict));
            case (CedarTypeKind.ActionEntity, CedarTypeKind.ActionEntity):
                return t0.Name == t1.Name;
            case (CedarTypeKind.Entity, CedarTypeKind.Entity):
                return strict ? t0.EntityTypes.SequenceEqual(t1.EntityTypes) : t0.EntityTypes.All(t1.EntityTypes.Contains);
            case (CedarTypeKind.AnyEntity, CedarTypeKind.AnyEntity):
                return true;
            case (CedarTypeKind.Entity or CedarTypeKind.ActionEntity, CedarTypeKind.AnyEntity):
                return !strict;
            default:
                return false;
        }
    }

    private static bool SameKeys(CedarType r0, CedarType r1) =>
        r0.Attributes.Count == r1.Attributes.Count && r0.Attributes.Keys.All(r1.Attributes.ContainsKey);

    private static bool AttributesSubtype(SchemaIndex schema, CedarType r0, CedarType r1, bool strict)
    {
        foreach (var (k, a1) in r1.Attributes)
        {
            if (!r0.Attributes.TryGetValue(k, out var a0))
            {
                return false;
            }

            var qualifierOk = strict ? a0.Required == a1.Required : a0.Required || !a1.Required;
            if (!qualifierOk || !IsSubtype(schema, a0.Type, a1.Type, strict))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The least upper bound, or null with the reason there is none.</summary>
    public static CedarType? LeastUpperBound(SchemaIndex schema, CedarType t0, CedarType t1, bool strict, out LubHint hint)
    {
        hint = LubHint.None;
        if (IsSubtype(schema, t0, t1, strict))
        {
            return t1;
        }

        if (IsSubtype(schema, t1, t0, strict))
        {
            return t0;
        }

        switch (t0.Kind, t1.Kind)
        {
            case (CedarTypeKind.True or CedarTypeKind.False, CedarTypeKind.True or CedarTypeKind.False):
                return CedarType.Bool;
            case (CedarTypeKind.Set, CedarTypeKind.Set):
                if (t0.Element is null || t1.Element is null)
                {
                    return CedarType.AnySet;
                }

                var element = LeastUpperBound(schema, t0.Element, t1.Element, strict, out hint);
                return element is null ? null : CedarType.SetOf(element);
            case (CedarTypeKind.Record, CedarTypeKind.Record):
                return RecordLub(schema, t0, t1, strict, out hint);
            case (CedarTypeKind.ActionEntity, CedarTypeKind.ActionEntity):
                if (t0.Name == t1.Name)
                {
                    return t0;
                }

                hint = LubHint.EntityType;
                return strict ? null : CedarType.AnyEntity;
            case (CedarTypeKind.Entity, CedarTypeKind.Entity):
                if (strict)
                {
                    hint = LubHint.EntityType;
                    return null;
                }

                return CedarType.EntityLub(t0.EntityTypes.Concat(t1.EntityTypes));
            case (CedarTypeKind.AnyEntity or CedarTypeKind.Entity or CedarTypeKind.ActionEntity, CedarTypeKind.AnyEntity or CedarTypeKind.Entity or CedarTypeKind.ActionEntity):
                hint = LubHint.EntityType;
                return strict ? null : CedarType.AnyEntity;
            case (CedarTypeKind.Record, CedarTypeKind.AnyEntity or CedarTypeKind.Entity or CedarTypeKind.ActionEntity):
            case (CedarTypeKind.AnyEntity or CedarTypeKind.Entity or CedarTypeKind.ActionEntity, CedarTypeKind.Record):
                hint = LubHint.EntityRecord;
                return null;
            default:
                hint = LubHint.None;
                return null;
        }
    }

    private static CedarType? RecordLub(SchemaIndex schema, CedarType r0, CedarType r1, bool strict, out LubHint hint)
    {
        hint = LubHint.None;
        if (strict && !SameKeys(r0, r1))
        {
            hint = LubHint.RecordWidth;
            return null;
        }

        var attrs = new List<KeyValuePair<string, AttributeInfo>>();
        foreach (var (k, a0) in r0.Attributes)
        {
            if (!r1.Attributes.TryGetValue(k, out var a1))
            {
                continue;
            }

            var lub = LeastUpperBound(schema, a0.Type, a1.Type, strict, out var inner);
            if (lub is null)
            {
                if (strict)
                {
                    hint = inner;
                    return null;
                }

                continue;
            }

            if (strict && a0.Required != a1.Required)
            {
                hint = LubHint.AttributeQualifier;
                return null;
            }

            attrs.Add(KeyValuePair.Create(k, new AttributeInfo(lub, a0.Required && a1.Required)));
        }

        var allKeys = r0.Attributes.Keys.Concat(r1.Attributes.Keys).Distinct().Count();
        var open = r0.IsOpen || r1.IsOpen || attrs.Count != allKeys;
        return CedarType.Record(attrs, open);
    }

    /// <summary>True only when no value has both types (entity types with no entity type in common).</summary>
    public static bool AreDisjoint(CedarType t0, CedarType t1)
    {
        var lub0 = AsEntityLub(t0);
        var lub1 = AsEntityLub(t1);
        return lub0 is not null && lub1 is not null && !lub0.Intersect(lub1).Any();
    }

    private static IEnumerable<string>? AsEntityLub(CedarType t) => t.Kind switch
    {
        CedarTypeKind.Entity => t.EntityTypes.Select(n => n.FullName),
        CedarTypeKind.ActionEntity => [t.Name],
        _ => null,
    };

    /// <summary>The attribute's type when known (null when absent or when its type cannot be known, as for any-entity).</summary>
    public static AttributeInfo? LookupAttribute(SchemaIndex schema, CedarType type, string attribute)
    {
        switch (type.Kind)
        {
            case CedarTypeKind.Record:
            case CedarTypeKind.ActionEntity:
                return type.Attributes.TryGetValue(attribute, out var a) ? a : null;
            case CedarTypeKind.Entity:
                var attrs = EntityAttributes(schema, type);
                return attrs.Attributes.TryGetValue(attribute, out var e) ? e : null;
            default:
                return null;
        }
    }

    /// <summary>The attributes of an entity least upper bound: those common to every member, permissively joined.</summary>
    public static CedarType EntityAttributes(SchemaIndex schema, CedarType entity)
    {
        CedarType? result = null;
        foreach (var name in entity.EntityTypes)
        {
            var attrs = schema.AttributesOf(name) ?? CedarType.Record([], false);
            if (result is null)
            {
                result = attrs;
                continue;
            }

            var joined = new List<KeyValuePair<string, AttributeInfo>>();
            foreach (var (k, a0) in result.Attributes)
            {
                if (attrs.Attributes.TryGetValue(k, out var a1) && LeastUpperBound(schema, a0.Type, a1.Type, strict: false, out _) is { } lub)
                {
                    joined.Add(KeyValuePair.Create(k, new AttributeInfo(lub, a0.Required && a1.Required)));
                }
            }

            result = CedarType.Record(joined, false);
        }

        return result ?? CedarType.Record([], false);
    }

    public static IEnumerable<string> KnownAttributes(SchemaIndex schema, CedarType type) => type.Kind switch
    {
        CedarTypeKind.Record or CedarTypeKind.ActionEntity => type.Attributes.Keys,
        CedarTypeKind.Entity => EntityAttributes(schema, type).Attributes.Keys,
        _ => [],
    };

    public static bool MayHaveAttribute(SchemaIndex schema, CedarType type, string attribute)
    {
        switch (type.Kind)
        {
            case CedarTypeKind.Never:
            case CedarTypeKind.AnyEntity:
                return true;
            case CedarTypeKind.Record:
                return type.IsOpen || type.Attributes.ContainsKey(attribute);
            case CedarTypeKind.ActionEntity:
                return type.Attributes.ContainsKey(attribute);
            case CedarTypeKind.Entity:
                foreach (var name in type.EntityTypes)
                {
                    var attrs = schema.AttributesOf(name);
                    if (attrs is null || attrs.IsOpen)
                    {
                        return true;
                    }
                }

                return type.EntityTypes.Any(n => schema.AttributesOf(n) is { } a && a.Attributes.ContainsKey(attribute));
            default:
                return false;
        }
    }

    public static string HintText(LubHint hint) => hint switch
    {
        LubHint.EntityType => "Different entity types are never compatible even when their attributes would be compatible",
        LubHint.EntityRecord => "Entity and record types are never compatible even when their attributes would be compatible",
        LubHint.RecordWidth => "Compatible record types must have exactly the same attributes",
        LubHint.AttributeQualifier => "Compatible record types must have the same optional and required attributes",
        _ => "Types must be exactly equal to be compatible",
    };
}
