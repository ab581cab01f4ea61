using Cedar.Ast;

namespace Cedar.Schema;

public enum SchemaTypeKind
{
    Bool,
    Long,
    String,
    Entity,
    Set,
    Record,
    Extension,
}

/// <summary>A resolved schema type: common types are inlined and every entity type name is fully qualified.</summary>
public abstract class SchemaType
{
    public abstract SchemaTypeKind Kind { get; }
}

public sealed class PrimitiveType : SchemaType
{
    public static readonly PrimitiveType Bool = new(SchemaTypeKind.Bool);
    public static readonly PrimitiveType Long = new(SchemaTypeKind.Long);
    public static readonly PrimitiveType String = new(SchemaTypeKind.String);

    private PrimitiveType(SchemaTypeKind kind) => Kind = kind;

    public override SchemaTypeKind Kind { get; }
}

public sealed class EntityRefType(Name entityType) : SchemaType
{
    public override SchemaTypeKind Kind => SchemaTypeKind.Entity;

    public Name EntityType { get; } = entityType;
}

public sealed class SetType(SchemaType element) : SchemaType
{
    public override SchemaTypeKind Kind => SchemaTypeKind.Set;

    public SchemaType Element { get; } = element;
}

/// <summary>An attribute of a record type: its type and whether it must be present.</summary>
public sealed class AttributeType(SchemaType type, bool required)
{
    public SchemaType Type { get; } = type;

    public bool Required { get; } = required;
}

public sealed class RecordType(IReadOnlyDictionary<string, AttributeType> attributes, bool additionalAttributes = false) : SchemaType
{
    public static readonly RecordType Empty = new(new Dictionary<string, AttributeType>());

    public override SchemaTypeKind Kind => SchemaTypeKind.Record;

    public IReadOnlyDictionary<string, AttributeType> Attributes { get; } = attributes;

    /// <summary>Open record (JSON schema <c>additionalAttributes: true</c>): undeclared attributes are allowed.</summary>
    public bool AdditionalAttributes { get; } = additionalAttributes;
}

/// <summary>An extension type: <c>ipaddr</c>, <c>decimal</c>, <c>datetime</c> or <c>duration</c>.</summary>
public sealed class ExtensionType(string name) : SchemaType
{
    public override SchemaTypeKind Kind => SchemaTypeKind.Extension;

    public string Name { get; } = name;
}
