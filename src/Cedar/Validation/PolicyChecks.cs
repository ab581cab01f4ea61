using Cedar.Ast;
using Cedar.Values;

namespace Cedar.Validation;

/// <summary>The checks Cedar runs once per policy, before type checking: names, enumerated ids, actions, and action applicability.</summary>
internal static class PolicyChecks
{
    public static void CheckEntityTypes(Policy policy, SchemaIndex schema, List<ValidationIssue> errors)
    {
        foreach (var (type, span) in EntityTypeNames(policy))
        {
            if (!schema.IsKnownEntityType(type))
            {
                errors.Add(new ValidationIssue(policy.Id, ValidationKinds.UnrecognizedEntityType, "unrecognized entity type `" + type + "`", span));
            }
        }
    }

    public static void CheckEnumEntities(Policy policy, SchemaIndex schema, List<ValidationIssue> errors)
    {
        foreach (var (uid, span) in EntityUids(policy))
        {
            if (uid.Type.IsAction || !schema.Schema.EntityTypes.TryGetValue(uid.Type, out var def) || def.EnumIds is null)
            {
                continue;
            }

            if (!def.EnumIds.Contains(uid.Id, StringComparer.Ordinal))
            {
                errors.Add(new ValidationIssue(
                    policy.Id,
                    ValidationKinds.InvalidEnumEntity,
                    "entity `" + uid + "` is of an enumerated entity type, but `\"" + StringEscaper.Escape(uid.Id) + "\"` is not declared as a valid eid",
                    span));
            }
        }
    }

    public static void CheckActionIds(Policy policy, SchemaIndex schema, List<ValidationIssue> errors)
    {
        foreach (var (uid, span) in EntityUids(policy))
        {
            if (uid.Type.IsAction && !schema.IsKnownAction(uid))
            {
                errors.Add(new ValidationIssue(policy.Id, ValidationKinds.UnrecognizedActionId, "unrecognized action `" + uid + "`", span));
            }
        }
    }

    /// <summary>Whether some declared action in the action scope applies to some principal and resource type the scope allows.</summary>
    public static bool HasApplicableAction(Policy policy, SchemaIndex schema)
    {
        var principals = TypesSatisfying(policy.Principal, schema).ToHashSet();
        var resources = TypesSatisfying(policy.Resource, schema).ToHashSet();
        IEnumerable<EntityUid> actions = policy.Action.Op switch
        {
            ActionScopeOp.Any => schema.Schema.Actions.Keys,
            ActionScopeOp.Eq => policy.Action.Entities,
            _ => (IEnumerable<EntityUid>?)schema.ActionsInSet(policy.Action.Entities) ?? [],
        };
        foreach (var uid in actions)
        {
            if (schema.Schema.Actions.TryGetValue(uid, out var action) &&
                action.PrincipalTypes.Any(principals.Contains) &&
                action.ResourceTypes.Any(resources.Contains))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<Name> TypesSatisfying(ScopeConstraint constraint, SchemaIndex schema)
    {
        var uid = constraint.Entity?.Uid;
        switch (constraint.Op)
        {
            case ScopeOp.Any:
                return schema.EntityTypeNames;
            case ScopeOp.Eq:
                return uid is null ? schema.EntityTypeNames : [uid.Type];
            case ScopeOp.In:
                return uid is null ? schema.EntityTypeNames : schema.EntityTypesIn(uid.Type);
            case ScopeOp.Is:
                return schema.IsKnownEntityType(constraint.EntityType!) ? [constraint.EntityType!] : [];
            default:
                if (uid is null)
                {
                    return schema.IsKnownEntityType(constraint.EntityType!) ? [constraint.EntityType!] : [];
                }

                return schema.EntityTypesIn(uid.Type).Where(t => t == constraint.EntityType);
        }
    }

    private static IEnumerable<(Name Type, SourceSpan Span)> EntityTypeNames(Policy policy)
    {
        foreach (var item in ScopeTypeNames(policy.Principal))
        {
            yield return item;
        }

        foreach (var uid in policy.Action.Entities)
        {
            yield return (uid.Type, policy.Action.Span);
        }

        foreach (var item in ScopeTypeNames(policy.Resource))
        {
            yield return item;
        }

        foreach (var c in policy.Conditions)
        {
            foreach (var e in ExprWalker.PreOrder(c.Body))
            {
                if (e is LiteralExpr { Value: EntityValue ev })
                {
                    yield return (ev.Uid.Type, e.Span);
                }
                else if (e is IsExpr isExpr)
                {
                    yield return (isExpr.EntityType, e.Span);
                }
            }
        }
    }

    private static IEnumerable<(Name Type, SourceSpan Span)> ScopeTypeNames(ScopeConstraint constraint)
    {
        if (constraint.EntityType is { } t)
        {
            yield return (t, constraint.Span);
        }

        if (constraint.Entity?.Uid is { } uid)
        {
            yield return (uid.Type, constraint.Span);
        }
    }

    private static IEnumerable<(EntityUid Uid, SourceSpan Span)> EntityUids(Policy policy)
    {
        if (policy.Principal.Entity?.Uid is { } p)
        {
            yield return (p, policy.Principal.Span);
        }

        foreach (var uid in policy.Action.Entities)
        {
            yield return (uid, policy.Action.Span);
        }

        if (policy.Resource.Entity?.Uid is { } r)
        {
            yield return (r, policy.Resource.Span);
        }

        foreach (var c in policy.Conditions)
        {
            foreach (var e in ExprWalker.PreOrder(c.Body))
            {
                if (e is LiteralExpr { Value: EntityValue ev })
                {
                    yield return (ev.Uid, e.Span);
                }
            }
        }
    }

}
