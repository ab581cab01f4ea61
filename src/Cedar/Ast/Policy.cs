namespace Cedar.Ast;

public enum Effect
{
    Permit,
    Forbid,
}

/// <summary>The operator of a principal or resource scope constraint.</summary>
public enum ScopeOp
{
    /// <summary>No constraint: <c>principal</c>.</summary>
    Any,

    /// <summary><c>principal == E</c>.</summary>
    Eq,

    /// <summary><c>principal in E</c>.</summary>
    In,

    /// <summary><c>principal is T</c>.</summary>
    Is,

    /// <summary><c>principal is T in E</c>.</summary>
    IsIn,
}

/// <summary>An entity in a scope constraint: a concrete uid, or a template slot.</summary>
public sealed class EntityReference
{
    private EntityReference(EntityUid? uid, SlotId? slot)
    {
        Uid = uid;
        Slot = slot;
    }

    public EntityUid? Uid { get; }

    public SlotId? Slot { get; }

    public static EntityReference Of(EntityUid uid) => new(uid, null);

    public static EntityReference OfSlot(SlotId slot) => new(null, slot);

    public override string ToString() => Uid?.ToString() ?? (Slot == SlotId.Principal ? "?principal" : "?resource");
}

/// <summary>A principal or resource scope constraint.</summary>
public sealed class ScopeConstraint(ScopeOp op, EntityReference? entity = null, Name? entityType = null)
{
    public static readonly ScopeConstraint Any = new(ScopeOp.Any);

    public ScopeOp Op { get; } = op;

    /// <summary>The entity for <see cref="ScopeOp.Eq"/>, <see cref="ScopeOp.In"/> and <see cref="ScopeOp.IsIn"/>.</summary>
    public EntityReference? Entity { get; } = entity;

    /// <summary>The type for <see cref="ScopeOp.Is"/> and <see cref="ScopeOp.IsIn"/>.</summary>
    public Name? EntityType { get; } = entityType;

    public SourceSpan Span { get; init; }
}

public enum ActionScopeOp
{
    Any,
    Eq,
    In,
}

/// <summary>The action scope: <c>action</c>, <c>action == A</c>, <c>action in A</c> or <c>action in [A, B]</c>.</summary>
public sealed class ActionConstraint(ActionScopeOp op, IReadOnlyList<EntityUid> entities, bool isList)
{
    public static readonly ActionConstraint Any = new(ActionScopeOp.Any, [], false);

    public ActionScopeOp Op { get; } = op;

    /// <summary>One uid for <c>==</c> and for <c>in A</c>; any number for <c>in [..]</c>.</summary>
    public IReadOnlyList<EntityUid> Entities { get; } = entities;

    /// <summary>True when written with brackets, <c>action in [..]</c>.</summary>
    public bool IsList { get; } = isList;

    public SourceSpan Span { get; init; }
}

public sealed class Condition(bool isWhen, Expr body)
{
    /// <summary><c>when</c> if true, <c>unless</c> if false.</summary>
    public bool IsWhen { get; } = isWhen;

    public Expr Body { get; } = body;

    public SourceSpan Span { get; init; }
}

/// <summary>An annotation <c>@key("value")</c>; <see cref="Value"/> is null for <c>@key</c> with no value.</summary>
public sealed class Annotation(string key, string? value)
{
    public string Key { get; } = key;

    public string? Value { get; } = value;

    public SourceSpan Span { get; init; }
}

/// <summary>
/// A parsed policy or template: a static policy has no slots; a template has <c>?principal</c> and/or <c>?resource</c>.
/// Immutable and shared by every policy linked to it.
/// </summary>
public sealed class Policy
{
    public Policy(
        string id,
        Effect effect,
        IReadOnlyList<Annotation> annotations,
        ScopeConstraint principal,
        ActionConstraint action,
        ScopeConstraint resource,
        IReadOnlyList<Condition> conditions)
    {
        Id = id;
        Effect = effect;
        Annotations = annotations;
        Principal = principal;
        Action = action;
        Resource = resource;
        Conditions = conditions;
        Slots = FindSlots(principal, resource, conditions);
    }

    public string Id { get; }

    public Effect Effect { get; }

    public IReadOnlyList<Annotation> Annotations { get; }

    public ScopeConstraint Principal { get; }

    public ActionConstraint Action { get; }

    public ScopeConstraint Resource { get; }

    public IReadOnlyList<Condition> Conditions { get; }

    /// <summary>The slots this policy uses; empty for a static policy.</summary>
    public IReadOnlyList<SlotId> Slots { get; }

    public bool IsTemplate => Slots.Count > 0;

    public SourceSpan Span { get; init; }

    public Policy WithId(string id) =>
        new(id, Effect, Annotations, Principal, Action, Resource, Conditions) { Span = Span };

    public string? GetAnnotation(string key)
    {
        foreach (var a in Annotations)
        {
            if (a.Key == key)
            {
                return a.Value ?? "";
            }
        }

        return null;
    }

    private static SlotId[] FindSlots(ScopeConstraint principal, ScopeConstraint resource, IReadOnlyList<Condition> conditions)
    {
        // Slots may only appear in the scope; the parser rejects them in conditions.
        _ = conditions;
        var slots = new List<SlotId>(2);
        if (principal.Entity?.Slot is { } p)
        {
            slots.Add(p);
        }

        if (resource.Entity?.Slot is { } r)
        {
            slots.Add(r);
        }

        return [.. slots];
    }
}

/// <summary>A template-linked policy: a template with its slots bound to entities.</summary>
public sealed class TemplateLink(string id, string templateId, IReadOnlyDictionary<SlotId, EntityUid> values)
{
    public string Id { get; } = id;

    public string TemplateId { get; } = templateId;

    public IReadOnlyDictionary<SlotId, EntityUid> Values { get; } = values;
}
