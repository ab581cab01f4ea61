using Cedar.Ast;
using Verdict.Storage;

namespace Verdict.VerifiedPermissions.Policies;

/// <summary>What AVP reports about a policy from its scope: the principal and resource it names, its actions and effect.</summary>
public sealed record DerivedScope(StoredEntity? Principal, StoredEntity? Resource, IReadOnlyList<StoredEntity>? Actions, string Effect);

/// <summary>
/// Derives <see cref="DerivedScope"/> from a parsed policy or template (with the values linked to its slots), and
/// compares the parts of a scope an update may not change.
/// </summary>
public static class PolicyScope
{
    public static DerivedScope Derive(Policy policy, StoredEntity? linkedPrincipal = null, StoredEntity? linkedResource = null) => new(
        Named(policy.Principal, linkedPrincipal),
        Named(policy.Resource, linkedResource),
        Actions(policy),
        EffectName(policy.Effect));

    /// <summary>The actions a scope names; null when the action is unconstrained.</summary>
    public static IReadOnlyList<StoredEntity>? Actions(Policy policy) =>
        policy.Action.Op == ActionScopeOp.Any ? null : [.. policy.Action.Entities.Select(ToStored)];

    public static string EffectName(Effect effect) => effect == Effect.Permit ? "Permit" : "Forbid";

    public static StoredEntity ToStored(EntityUid uid) => new(uid.Type.FullName, uid.Id);

    public static EntityUid ToUid(StoredEntity entity) => new(Name.FromFullName(entity.EntityType), entity.EntityId);

    /// <summary>
    /// Which of the fixed parts (effect, principal, resource) differ between two versions of a policy or template;
    /// null when none does.
    /// </summary>
    public static string? FixedPartChanged(Policy before, Policy after)
    {
        if (before.Effect != after.Effect)
        {
            return "effect";
        }

        if (!SameConstraint(before.Principal, after.Principal))
        {
            return "principal";
        }

        return SameConstraint(before.Resource, after.Resource) ? null : "resource";
    }

    private static StoredEntity? Named(ScopeConstraint constraint, StoredEntity? linked)
    {
        if (constraint.Op is not (ScopeOp.Eq or ScopeOp.In or ScopeOp.IsIn) || constraint.Entity is null)
        {
            return null;
        }

        return constraint.Entity.Uid is { } uid ? ToStored(uid) : linked;
    }

    private static bool SameConstraint(ScopeConstraint a, ScopeConstraint b) =>
        a.Op == b.Op
        && a.EntityType == b.EntityType
        && a.Entity?.Uid == b.Entity?.Uid
        && a.Entity?.Slot == b.Entity?.Slot;
}
