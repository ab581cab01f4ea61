using Cedar.Ast;

namespace Cedar.Schema;

/// <summary>An entity type declared by a schema, resolved.</summary>
public sealed class EntityTypeDefinition(
    Name name,
    IReadOnlyList<Name> memberOfTypes,
    RecordType attributes,
    SchemaType? tags,
    IReadOnlyList<string>? enumIds)
{
    public Name Name { get; } = name;

    /// <summary>The types this entity's parents may have.</summary>
    public IReadOnlyList<Name> MemberOfTypes { get; } = memberOfTypes;

    public RecordType Attributes { get; } = attributes;

    /// <summary>The type of every tag value, or null when the entity type has no tags.</summary>
    public SchemaType? Tags { get; } = tags;

    /// <summary>The allowed ids of an enumerated entity type, or null when the type is not enumerated.</summary>
    public IReadOnlyList<string>? EnumIds { get; } = enumIds;
}

/// <summary>An action declared by a schema, resolved.</summary>
public sealed class ActionDefinition(
    EntityUid uid,
    IReadOnlyList<EntityUid> memberOf,
    IReadOnlyList<Name> principalTypes,
    IReadOnlyList<Name> resourceTypes,
    RecordType context,
    bool hasAppliesTo)
{
    public EntityUid Uid { get; } = uid;

    /// <summary>The action groups this action is directly in.</summary>
    public IReadOnlyList<EntityUid> MemberOf { get; } = memberOf;

    public IReadOnlyList<Name> PrincipalTypes { get; } = principalTypes;

    public IReadOnlyList<Name> ResourceTypes { get; } = resourceTypes;

    public RecordType Context { get; } = context;

    /// <summary>False when the action declares no <c>appliesTo</c>: it then applies to no request.</summary>
    public bool HasAppliesTo { get; } = hasAppliesTo;
}

/// <summary>
/// A parsed and resolved schema: what the validator, request validation and schema-based entity parsing use.
/// Built by the schema parsers (Cedar text or JSON); immutable.
/// </summary>
public sealed class ValidatorSchema(
    IReadOnlyDictionary<Name, EntityTypeDefinition> entityTypes,
    IReadOnlyDictionary<EntityUid, ActionDefinition> actions)
{
    public IReadOnlyDictionary<Name, EntityTypeDefinition> EntityTypes { get; } = entityTypes;

    public IReadOnlyDictionary<EntityUid, ActionDefinition> Actions { get; } = actions;
}
