using Cedar.Ast;

namespace Cedar.Validation;

internal enum CheckedKind
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
    Extension,
}

/// <summary>The validator's type of an expression: singleton booleans, sets, closed records, one entity type.</summary>
internal sealed class CheckedType
{
    public static readonly CheckedType Never = new(CheckedKind.Never);
    public static readonly CheckedType True = new(CheckedKind.True);
    public static readonly CheckedType False = new(CheckedKind.False);
    public static readonly CheckedType Bool = new(CheckedKind.Bool);
    public static readonly CheckedType Long = new(CheckedKind.Long);
    public static readonly CheckedType String = new(CheckedKind.String);

    private CheckedType(CheckedKind kind) => Kind = kind;

    public CheckedKind Kind { get; }

    public CheckedType? Element { get; private init; }

    public IReadOnlyDictionary<string, (CheckedType Type, bool Required)> Attributes { get; private init; } =
        new Dictionary<string, (CheckedType, bool)>();

    public Name? EntityType { get; private init; }

    public string? ExtensionName { get; private init; }

    public bool IsBoolean => Kind is CheckedKind.True or CheckedKind.False or CheckedKind.Bool;

    public static CheckedType SetOf(CheckedType element) => new(CheckedKind.Set) { Element = element };

    public static CheckedType RecordOf(IReadOnlyDictionary<string, (CheckedType, bool)> attributes) => new(CheckedKind.Record) { Attributes = attributes };

    public static CheckedType EntityOf(Name type) => new(CheckedKind.Entity) { EntityType = type };

    public static CheckedType ExtensionOf(string name) => new(CheckedKind.Extension) { ExtensionName = name };

    public static CheckedType BoolOf(bool b) => b ? True : False;

    /// <summary>Cedar's strict least upper bound: equal types, with the boolean singletons widening to Bool.</summary>
    public static CheckedType? Lub(CheckedType a, CheckedType b)
    {
        if (a.Kind == CheckedKind.Never)
        {
            return b;
        }

        if (b.Kind == CheckedKind.Never)
        {
            return a;
        }

        if (a.IsBoolean && b.IsBoolean)
        {
            return a.Kind == b.Kind ? a : Bool;
        }

        if (a.Kind != b.Kind)
        {
            return null;
        }

        switch (a.Kind)
        {
            case CheckedKind.Long or CheckedKind.String: return a;
            case CheckedKind.Entity: return a.EntityType == b.EntityType ? a : null;
            case CheckedKind.Extension: return a.ExtensionName == b.ExtensionName ? a : null;
            case CheckedKind.Set:
                return Lub(a.Element!, b.Element!) is { } e ? SetOf(e) : null;
            case CheckedKind.Record:
                {
                    if (a.Attributes.Count != b.Attributes.Count)
                    {
                        return null;
                    }

                    var attrs = new Dictionary<string, (CheckedType, bool)>(StringComparer.Ordinal);
                    foreach (var (k, (t, r)) in a.Attributes)
                    {
                        if (!b.Attributes.TryGetValue(k, out var other) || other.Required != r || Lub(t, other.Type) is not { } l)
                        {
                            return null;
                        }

                        attrs[k] = (l, r);
                    }

                    return RecordOf(attrs);
                }

            default:
                return null;
        }
    }

    public override string ToString() => Kind switch
    {
        CheckedKind.Set => "Set<" + Element + ">",
        CheckedKind.Entity => EntityType!.FullName,
        CheckedKind.Extension => ExtensionName!,
        CheckedKind.Record => "{" + string.Join(", ", Attributes.Select(a => a.Key + (a.Value.Required ? ": " : "?: ") + a.Value.Type)) + "}",
        _ => Kind.ToString(),
    };
}
