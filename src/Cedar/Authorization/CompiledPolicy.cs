using Cedar.Ast;

namespace Cedar.Authorization;

/// <summary>
/// A static policy or a template link ready for evaluation: the (shared) policy body, and its scope with slots
/// replaced by the linked entities.
/// </summary>
public sealed class CompiledPolicy
{
    internal CompiledPolicy(string id, Policy body, IReadOnlyDictionary<SlotId, EntityUid>? slots)
    {
        Id = id;
        Body = body;
        Slots = slots;
        PrincipalUid = Resolve(body.Principal.Entity, slots);
        ResourceUid = Resolve(body.Resource.Entity, slots);
    }

    public string Id { get; }

    public Effect Effect => Body.Effect;

    /// <summary>The static policy, or the template this link instantiates (shared by all its links).</summary>
    public Policy Body { get; }

    /// <summary>Slot values of a template link; null for a static policy.</summary>
    public IReadOnlyDictionary<SlotId, EntityUid>? Slots { get; }

    /// <summary>The entity of the principal scope after linking (null for <c>principal</c> and <c>principal is T</c>).</summary>
    public EntityUid? PrincipalUid { get; }

    public EntityUid? ResourceUid { get; }

    private static EntityUid? Resolve(EntityReference? reference, IReadOnlyDictionary<SlotId, EntityUid>? slots)
    {
        if (reference is null)
        {
            return null;
        }

        if (reference.Uid is { } uid)
        {
            return uid;
        }

        return slots is not null && reference.Slot is { } slot && slots.TryGetValue(slot, out var linked)
            ? linked
            : throw new InvalidOperationException("policy " + reference + " slot is not linked");
    }
}
