using System.Text;
using Cedar.Ast;

namespace Cedar.Validation;

internal enum CedarTypeKind
{
    Never,
    True,
    False,
    Bool,
    Long,
    String,
    Set,
    Record,
    Entity,
    AnyEntity,
    ActionEntity,
    Extension,
}

/// <summary>An attribute of a record type during type checking.</summary>
internal readonly record struct AttributeInfo(CedarType Type, bool Required);

/// <summary>
/// A type of Cedar's validator: singleton booleans, sets (with an unknown element type only when used as an expected
/// type), records (open or closed), entity least upper bounds, any-entity, action entities and extension types.
/// Immutable, with structural equality.
/// </summary>
internal sealed class CedarType : IEquatable<CedarType>
{
    public static readonly CedarType Never = new(CedarTypeKind.Never);
    public static readonly CedarType True = new(CedarTypeKind.True);
    public static readonly CedarType False = new(CedarTypeKind.False);
    public static readonly CedarType Bool = new(CedarTypeKind.Bool);
    public static readonly CedarType Long = new(CedarTypeKind.Long);
    public static readonly CedarType String = new(CedarTypeKind.String);
    public static readonly CedarType AnySet = new(CedarTypeKind.Set);
    public static readonly CedarType AnyEntity = new(CedarTypeKind.AnyEntity);
    public static readonly CedarType AnyRecord = new(CedarTypeKind.Record) { Attributes = new SortedDictionary<string, AttributeInfo>(StringComparer.Ordinal), IsOpen = true };

    private static readonly SortedDictionary<string, AttributeInfo> s_noAttributes = new(StringComparer.Ordinal);
    private int _hash;

    private CedarType(CedarTypeKind kind) => Kind = kind;

    public CedarTypeKind Kind { get; }

    /// <summary>The element type of a set; null for "any set" (an expected type only).</summary>
    public CedarType? Element { get; private init; }

    public IReadOnlyDictionary<string, AttributeInfo> Attributes { get; private init; } = s_noAttributes;

    public bool IsOpen { get; private init; }

    /// <summary>The entity types of an entity least upper bound (non-empty, sorted ordinally), or the one type of an action entity.</summary>
    public IReadOnlyList<Name> EntityTypes { get; private init; } = [];

    /// <summary>The action entity type or the extension type name.</summary>
    public string Name { get; private init; } = "";

    public bool IsBoolean => Kind is CedarTypeKind.True or CedarTypeKind.False or CedarTypeKind.Bool;

    public Name? SingleEntity => Kind == CedarTypeKind.Entity && EntityTypes.Count == 1 ? EntityTypes[0] : null;

    public static CedarType Singleton(bool value) => value ? True : False;

    public static CedarType SetOf(CedarType element) => new(CedarTypeKind.Set) { Element = element };

    public static CedarType Record(IEnumerable<KeyValuePair<string, AttributeInfo>> attributes, bool open)
    {
        var map = new SortedDictionary<string, AttributeInfo>(StringComparer.Ordinal);
        foreach (var (k, v) in attributes)
        {
            map[k] = v;
        }

        return new CedarType(CedarTypeKind.Record) { Attributes = map, IsOpen = open };
    }

    public static CedarType Entity(Name entityType) => new(CedarTypeKind.Entity) { EntityTypes = [entityType] };

    public static CedarType EntityLub(IEnumerable<Name> entityTypes)
    {
        var sorted = entityTypes.Distinct().OrderBy(n => n.FullName, StringComparer.Ordinal).ToArray();
        return new CedarType(CedarTypeKind.Entity) { EntityTypes = sorted };
    }

    public static CedarType ActionEntity(Name actionType) => new(CedarTypeKind.ActionEntity) { Name = actionType.FullName, EntityTypes = [actionType] };

    public static CedarType Extension(string name) => new(CedarTypeKind.Extension) { Name = name };

    public bool Equals(CedarType? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Kind != Kind || other.GetHashCode() != GetHashCode())
        {
            return false;
        }

        switch (Kind)
        {
            case CedarTypeKind.Set:
                return Equals(Element, other.Element);
            case CedarTypeKind.Record:
                if (IsOpen != other.IsOpen || Attributes.Count != other.Attributes.Count)
                {
                    return false;
                }

                foreach (var (k, v) in Attributes)
                {
                    if (!other.Attributes.TryGetValue(k, out var o) || o.Required != v.Required || !o.Type.Equals(v.Type))
                    {
                        return false;
                    }
                }

                return true;
            case CedarTypeKind.Entity:
                return EntityTypes.SequenceEqual(other.EntityTypes);
            case CedarTypeKind.ActionEntity:
            case CedarTypeKind.Extension:
                return Name == other.Name;
            default:
                return true;
        }
    }

    public override bool Equals(object? obj) => obj is CedarType t && Equals(t);

    public static bool operator ==(CedarType? a, CedarType? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(CedarType? a, CedarType? b) => !(a == b);

    public override int GetHashCode()
    {
        if (_hash != 0)
        {
            return _hash;
        }

        var h = new HashCode();
        h.Add(Kind);
        switch (Kind)
        {
            case CedarTypeKind.Set:
                h.Add(Element?.GetHashCode() ?? 0);
                break;
            case CedarTypeKind.Record:
                h.Add(IsOpen);
                foreach (var (k, v) in Attributes)
                {
                    h.Add(k, StringComparer.Ordinal);
                    h.Add(v.Required);
                    h.Add(v.Type.GetHashCode());
                }

                break;
            case CedarTypeKind.Entity:
                foreach (var n in EntityTypes)
                {
                    h.Add(n);
                }

                break;
            case CedarTypeKind.ActionEntity:
            case CedarTypeKind.Extension:
                h.Add(Name, StringComparer.Ordinal);
                break;
        }

        var result = h.ToHashCode();
        _hash = result == 0 ? 1 : result;
        return _hash;
    }

    /// <summary>Cedar's display form of the type, as used in its messages.</summary>
    public override string ToString()
    {
        switch (Kind)
        {
            case CedarTypeKind.Never: return "__cedar::internal::Never";
            case CedarTypeKind.True: return "__cedar::internal::True";
            case CedarTypeKind.False: return "__cedar::internal::False";
            case CedarTypeKind.Bool: return "Bool";
            case CedarTypeKind.Long: return "Long";
            case CedarTypeKind.String: return "String";
            case CedarTypeKind.Set: return Element is null ? "Set<__cedar::internal::Any>" : "Set<" + Element + ">";
            case CedarTypeKind.AnyEntity: return "__cedar::internal::AnyEntity";
            case CedarTypeKind.ActionEntity: return Name;
            case CedarTypeKind.Extension: return Name;
            case CedarTypeKind.Entity:
                return EntityTypes.Count == 1 ? EntityTypes[0].FullName : "__cedar::internal::Union<" + string.Join(", ", EntityTypes) + ">";
            default:
                var sb = new StringBuilder();
                if (IsOpen)
                {
                    sb.Append("__cedar::internal::OpenRecord");
                }

                sb.Append('{');
                foreach (var (k, v) in Attributes)
                {
                    sb.Append(k).Append(v.Required ? "" : "?").Append(": ").Append(v.Type).Append(',');
                }

                return sb.Append('}').ToString();
        }
    }
}
