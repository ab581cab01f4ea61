using Cedar.Ast;

namespace Cedar.Authorization;

/// <summary>
/// A static policy or a template link ready for evaluation: the (shared) policy body, and its scope with slots
/// replaced by the linked entities.
/// </summary>
/// <remarks>
/// A compiled set may hold 100,000 links, so a link keeps only its id, the shared body and its slot values; the scope
/// entities are read through the body (shared, hot in the cache) rather than copied into every link.
/// </remarks>
public sealed class CompiledPolicy
{
    private readonly LinkedSlots? _slots;

    internal CompiledPolicy(string id, Policy body, LinkedSlots? slots)
    {
        Id = id;
        Body = body;
        _slots = slots;
        // An unlinked slot is a bug of the caller: fail here, not at the first request that reaches this policy.
        _ = PrincipalUid;
        _ = ResourceUid;
    }

    public string Id { get; }

    public Effect Effect => Body.Effect;

    /// <summary>The static policy, or the template this link instantiates (shared by all its links).</summary>
    public Policy Body { get; }

    /// <summary>Slot values of a template link; null for a static policy.</summary>
    public IReadOnlyDictionary<SlotId, EntityUid>? Slots => _slots;

    /// <summary>The entity of the principal scope after linking (null for <c>principal</c> and <c>principal is T</c>).</summary>
    public EntityUid? PrincipalUid => Resolve(Body.Principal.Entity);

    public EntityUid? ResourceUid => Resolve(Body.Resource.Entity);

    private EntityUid? Resolve(EntityReference? reference)
    {
        if (reference is null)
        {
            return null;
        }

        if (reference.Uid is { } uid)
        {
            return uid;
        }

        var linked = reference.Slot switch
        {
            SlotId.Principal => _slots?.Principal,
            SlotId.Resource => _slots?.Resource,
            _ => null,
        };
        return linked ?? throw new InvalidOperationException("policy " + reference + " slot is not linked");
    }
}
