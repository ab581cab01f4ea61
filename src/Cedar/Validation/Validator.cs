using System.Runtime.CompilerServices;
using Cedar.Ast;
using Cedar.Extensions;
using Cedar.Schema;
using Cedar.Values;

namespace Cedar.Validation;

/// <summary>
/// Cedar's strict-mode policy validator (partial): request environments from the schema's actions, entity and
/// action existence, and a type checker with singleton booleans, <c>has</c>/<c>hasTag</c> capabilities flowing
/// through <c>&amp;&amp;</c>, <c>||</c> and <c>if</c>, strict least upper bounds and extension signatures.
/// </summary>
public static class Validator
{
    public static ValidationResult Validate(IReadOnlyList<Policy> policies, ValidatorSchema schema)
    {
        var errors = new List<ValidationIssue>();
        var warnings = new List<ValidationIssue>();
        foreach (var policy in policies)
        {
            new PolicyChecker(policy, schema, errors, warnings).Check();
        }

        return new ValidationResult(errors, warnings);
    }

    /// <summary>The type of principal, action, resource and context for one request the schema allows.</summary>
    private sealed record RequestEnv(Name Principal, ActionDefinition Action, Name Resource);

    private sealed class PolicyChecker(Policy policy, ValidatorSchema schema, List<ValidationIssue> errors, List<ValidationIssue> warnings)
    {
        private const int MaxDepth = 400;
        private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
        private RequestEnv _env = null!;
        private int _depth;

        public void Check()
        {
            var before = errors.Count;
            CheckScope(policy.Principal);
            CheckScope(policy.Resource);
            if (policy.Action.Op == ActionScopeOp.In && policy.Action.IsList && policy.Action.Entities.Count == 0)
            {
                Error(policy.Action.Span, "EmptySetForbidden", $"for policy `{policy.Id}`, empty set literals are forbidden in policies");
            }

            foreach (var uid in policy.Action.Entities)
            {
                if (!schema.Actions.ContainsKey(uid))
                {
                    Error(policy.Action.Span, "UnrecognizedActionId", $"for policy `{policy.Id}`, unrecognized action `{uid}`");
                }
            }

            if (errors.Count > before)
            {
                return;
            }

            var envs = Environments().ToList();
            if (envs.Count == 0)
            {
                Warning(policy.Action.Span, "InvalidActionApplication", $"for policy `{policy.Id}`, unable to find an applicable action given the policy scope constraints");
                return;
            }

            var allFalse = true;
            foreach (var env in envs)
            {
                _env = env;
                var result = CheckedType.True;
                var caps = new Caps();
                foreach (var condition in policy.Conditions)
                {
                    var (t, c) = Type(condition.Body, caps);
                    if (!t.IsBoolean && t.Kind != CheckedKind.Never)
                    {
                        Error(condition.Body.Span, "UnexpectedType", $"unexpected type: expected Bool but saw {t}");
                        continue;
                    }

                    var effective = condition.IsWhen ? t : Not(t);
                    result = And(result, effective);
                    if (condition.IsWhen)
                    {
                        caps = caps.Union(c);
                    }
                }

                if (result.Kind != CheckedKind.False)
                {
                    allFalse = false;
                }
            }

            if (allFalse && errors.Count == before)
            {
                Warning(SourceSpan.None, "ImpossiblePolicy", $"for policy `{policy.Id}`, policy is impossible: the policy expression evaluates to false for all valid requests");
            }
        }

        private static CheckedType Not(CheckedType t) => t.Kind switch
        {
            CheckedKind.True => CheckedType.False,
            CheckedKind.False => CheckedType.True,
            _ => CheckedType.Bool,
        };

        private static CheckedType And(CheckedType a, CheckedType b) =>
            a.Kind == CheckedKind.False || b.Kind == CheckedKind.False ? CheckedType.False
            : a.Kind == CheckedKind.True && b.Kind == CheckedKind.True ? CheckedType.True
            : CheckedType.Bool;

        private void CheckScope(ScopeConstraint scope)
        {
            if (scope.EntityType is { } type && !schema.EntityTypes.ContainsKey(type))
            {
                Error(scope.Span, "UnrecognizedEntityType", $"for policy `{policy.Id}`, unrecognized entity type `{type}`");
            }

            if (scope.Entity?.Uid is { } uid)
            {
                CheckEntityUid(uid, scope.Span);
            }
        }

        private bool CheckEntityUid(EntityUid uid, SourceSpan span)
        {
            if (schema.EntityTypes.TryGetValue(uid.Type, out var et))
            {
                if (et.EnumIds is { } ids && !ids.Contains(uid.Id))
                {
                    Error(span, "InvalidEnumEntity", $"for policy `{policy.Id}`, invalid entity uid `{uid}`");
                    return false;
                }

                return true;
            }

            if (schema.Actions.ContainsKey(uid))
            {
                return true;
            }

            if (schema.Actions.Keys.Any(a => a.Type == uid.Type))
            {
                Error(span, "UnrecognizedActionId", $"for policy `{policy.Id}`, unrecognized action `{uid}`");
            }
            else
            {
                Error(span, "UnrecognizedEntityType", $"for policy `{policy.Id}`, unrecognized entity type `{uid.Type}`");
            }

            return false;
        }

        private IEnumerable<RequestEnv> Environments()
        {
            foreach (var action in schema.Actions.Values)
            {
                if (!ActionMatches(action.Uid))
                {
                    continue;
                }

                foreach (var p in action.PrincipalTypes)
                {
                    if (!ScopeMatches(policy.Principal, p))
                    {
                        continue;
                    }

                    foreach (var r in action.ResourceTypes)
                    {
                        if (ScopeMatches(policy.Resource, r))
                        {
                            yield return new RequestEnv(p, action, r);
                        }
                    }
                }
            }
        }

        private bool ActionMatches(EntityUid action) => policy.Action.Op switch
        {
            ActionScopeOp.Any => true,
            ActionScopeOp.Eq => policy.Action.Entities.Contains(action),
            _ => policy.Action.Entities.Any(group => ActionIsDescendant(action, group)),
        };

        private bool ActionIsDescendant(EntityUid action, EntityUid group)
        {
            var seen = new HashSet<EntityUid>();
            var stack = new Stack<EntityUid>();
            stack.Push(action);
            while (stack.Count > 0)
            {
                var a = stack.Pop();
                if (a == group)
                {
                    return true;
                }

                if (seen.Add(a) && schema.Actions.TryGetValue(a, out var def))
                {
                    foreach (var parent in def.MemberOf)
                    {
                        stack.Push(parent);
                    }
                }
            }

            return false;
        }

        private bool ScopeMatches(ScopeConstraint scope, Name type)
        {
            switch (scope.Op)
            {
                case ScopeOp.Any:
                    return true;
                case ScopeOp.Is:
                    return scope.EntityType == type;
                case ScopeOp.Eq:
                    return scope.Entity!.Uid is not { } uid || uid.Type == type;
                case ScopeOp.In:
                    return scope.Entity!.Uid is not { } inUid || CanBeDescendant(type, inUid.Type);
                case ScopeOp.IsIn:
                    return scope.EntityType == type && (scope.Entity!.Uid is not { } isInUid || CanBeDescendant(type, isInUid.Type));
                default:
                    return false;
            }
        }

        /// <summary>Whether an entity of type <paramref name="child"/> can be (or be in) an entity of type <paramref name="ancestor"/>.</summary>
        private bool CanBeDescendant(Name child, Name ancestor)
        {
            if (child == ancestor)
            {
                return true;
            }

            var seen = new HashSet<Name>();
            var stack = new Stack<Name>();
            stack.Push(child);
            while (stack.Count > 0)
            {
                var t = stack.Pop();
                if (!seen.Add(t) || !schema.EntityTypes.TryGetValue(t, out var def))
                {
                    continue;
                }

                foreach (var parent in def.MemberOfTypes)
                {
                    if (parent == ancestor)
                    {
                        return true;
                    }

                    stack.Push(parent);
                }
            }

            return false;
        }

        private (CheckedType Type, Caps Caps) Type(Expr e, Caps caps)
        {
            if (++_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                _depth--;
                Error(e.Span, "NestingTooDeep", "expression nesting is too deep");
                return (CheckedType.Never, Caps.None);
            }

            try
            {
                return TypeCore(e, caps);
            }
            finally
            {
                _depth--;
            }
        }

        private (CheckedType Type, Caps Caps) TypeCore(Expr e, Caps caps)
        {
            switch (e)
            {
                case LiteralExpr lit:
                    return (lit.Value switch
                    {
                        BoolValue b => CheckedType.BoolOf(b.Value),
                        LongValue => CheckedType.Long,
                        StringValue => CheckedType.String,
                        EntityValue ev => CheckEntityUid(ev.Uid, e.Span) ? CheckedType.EntityOf(ev.Uid.Type) : CheckedType.Never,
                        _ => CheckedType.Never,
                    }, Caps.None);
                case VarExpr v:
                    return (v.Var switch
                    {
                        Var.Principal => CheckedType.EntityOf(_env.Principal),
                        Var.Resource => CheckedType.EntityOf(_env.Resource),
                        Var.Action => CheckedType.EntityOf(_env.Action.Uid.Type),
                        _ => FromSchema(_env.Action.Context),
                    }, Caps.None);
                case SlotExpr s:
                    return (CheckedType.EntityOf(s.Slot == SlotId.Principal ? _env.Principal : _env.Resource), Caps.None);
                case IfExpr ife:
                    {
                        var (c, cc) = ExpectBool(ife.Condition, caps);
                        if (c.Kind == CheckedKind.True)
                        {
                            var (t, tc) = Type(ife.Then, caps.Union(cc));
                            return (t, cc.Union(tc));
                        }

                        if (c.Kind == CheckedKind.False)
                        {
                            return Type(ife.Else, caps);
                        }

                        if (c.Kind == CheckedKind.Never)
                        {
                            return (CheckedType.Never, Caps.None);
                        }

                        var (a, ac) = Type(ife.Then, caps.Union(cc));
                        var (b, bc) = Type(ife.Else, caps);
                        if (CheckedType.Lub(a, b) is { } l)
                        {
                            return (l, cc.Union(ac).Intersect(bc));
                        }

                        Error(e.Span, "IncompatibleTypes", $"the types {a} and {b} are not compatible");
                        return (CheckedType.Never, Caps.None);
                    }

                case AndExpr and:
                    {
                        var (l, lc) = ExpectBool(and.Left, caps);
                        if (l.Kind is CheckedKind.False or CheckedKind.Never)
                        {
                            return (l, Caps.None);
                        }

                        var (r, rc) = ExpectBool(and.Right, caps.Union(lc));
                        if (r.Kind == CheckedKind.Never)
                        {
                            return (r, Caps.None);
                        }

                        return (And(l, r), lc.Union(rc));
                    }

                case OrExpr or:
                    {
                        var (l, lc) = ExpectBool(or.Left, caps);
                        if (l.Kind is CheckedKind.True or CheckedKind.Never)
                        {
                            return (l, lc);
                        }

                        var (r, rc) = ExpectBool(or.Right, caps);
                        if (r.Kind == CheckedKind.Never)
                        {
                            return (r, Caps.None);
                        }

                        if (l.Kind == CheckedKind.False)
                        {
                            return (r, rc);
                        }

                        if (r.Kind == CheckedKind.False)
                        {
                            return (l, lc);
                        }

                        return (r.Kind == CheckedKind.True ? CheckedType.True : CheckedType.Bool, lc.Intersect(rc));
                    }

                case UnaryExpr u:
                    return (TypeUnary(u, caps), Caps.None);
                case BinaryExpr b:
                    return TypeBinary(b, caps);
                case GetAttrExpr ga:
                    return (TypeGetAttr(ga, caps), Caps.None);
                case HasAttrExpr has:
                    return TypeHas(has, caps);
                case LikeExpr like:
                    Expect(like.Target, caps, CheckedKind.String);
                    return (CheckedType.Bool, Caps.None);
                case IsExpr isExpr:
                    {
                        var (t, _) = Type(isExpr.Target, caps);
                        if (!schema.EntityTypes.ContainsKey(isExpr.EntityType) && !schema.Actions.Keys.Any(a => a.Type == isExpr.EntityType))
                        {
                            Error(e.Span, "UnrecognizedEntityType", $"for policy `{policy.Id}`, unrecognized entity type `{isExpr.EntityType}`");
                            return (CheckedType.Never, Caps.None);
                        }

                        if (t.Kind == CheckedKind.Never)
                        {
                            return (t, Caps.None);
                        }

                        if (t.Kind != CheckedKind.Entity)
                        {
                            Error(isExpr.Target.Span, "UnexpectedType", $"unexpected type: expected an entity but saw {t}");
                            return (CheckedType.Never, Caps.None);
                        }

                        var matches = t.EntityType == isExpr.EntityType;
                        if (isExpr.InEntity is { } inEntity)
                        {
                            var inType = TypeIn(isExpr.Target, t, inEntity, caps);
                            return (matches ? inType : CheckedType.False, Caps.None);
                        }

                        return (CheckedType.BoolOf(matches), Caps.None);
                    }

                case SetExpr set:
                    {
                        if (set.Elements.Count == 0)
                        {
                            Error(e.Span, "EmptySetForbidden", "empty set literals are forbidden in policies");
                            return (CheckedType.Never, Caps.None);
                        }

                        CheckedType? element = CheckedType.Never;
                        foreach (var item in set.Elements)
                        {
                            var (t, _) = Type(item, caps);
                            if (t.Kind == CheckedKind.Never)
                            {
                                return (t, Caps.None);
                            }

                            element = CheckedType.Lub(element!, t);
                            if (element is null)
                            {
                                Error(e.Span, "IncompatibleTypes", "the elements of a set literal have incompatible types");
                                return (CheckedType.Never, Caps.None);
                            }
                        }

                        return (CheckedType.SetOf(element!), Caps.None);
                    }

                case RecordExpr rec:
                    {
                        var attrs = new Dictionary<string, (CheckedType, bool)>(StringComparer.Ordinal);
                        foreach (var (k, v) in rec.Attributes)
                        {
                            var (t, _) = Type(v, caps);
                            if (t.Kind == CheckedKind.Never)
                            {
                                return (t, Caps.None);
                            }

                            attrs[k] = (t, true);
                        }

                        return (CheckedType.RecordOf(attrs), Caps.None);
                    }

                case ExtensionCallExpr call:
                    return (TypeCall(call, caps), Caps.None);
                default:
                    Error(e.Span, "Unsupported", "unsupported expression");
                    return (CheckedType.Never, Caps.None);
            }
        }

        private CheckedType TypeUnary(UnaryExpr u, Caps caps)
        {
            switch (u.Op)
            {
                case UnaryOp.Not:
                    {
                        var (t, _) = ExpectBool(u.Operand, caps);
                        return t.Kind == CheckedKind.Never ? t : Not(t);
                    }

                case UnaryOp.Neg:
                    return Expect(u.Operand, caps, CheckedKind.Long) ? CheckedType.Long : CheckedType.Never;
                default:
                    {
                        var (t, _) = Type(u.Operand, caps);
                        if (t.Kind == CheckedKind.Never)
                        {
                            return t;
                        }

                        if (t.Kind != CheckedKind.Set)
                        {
                            Error(u.Span, "UnexpectedType", $"unexpected type: expected a set but saw {t}");
                            return CheckedType.Never;
                        }

                        return CheckedType.Bool;
                    }
            }
        }

        private (CheckedType, Caps) TypeBinary(BinaryExpr b, Caps caps)
        {
            switch (b.Op)
            {
                case BinaryOp.Eq or BinaryOp.NotEq:
                    {
                        var (l, _) = Type(b.Left, caps);
                        var (r, _) = Type(b.Right, caps);
                        if (l.Kind == CheckedKind.Never || r.Kind == CheckedKind.Never)
                        {
                            return (CheckedType.Never, Caps.None);
                        }

                        if (l.Kind == CheckedKind.Entity && r.Kind == CheckedKind.Entity && l.EntityType != r.EntityType)
                        {
                            return (b.Op == BinaryOp.Eq ? CheckedType.False : CheckedType.True, Caps.None);
                        }

                        // The request's action is known in each environment, so comparing it with an action is exact.
                        if (ActionUidOf(b.Left) is { } la && ActionUidOf(b.Right) is { } ra)
                        {
                            return (CheckedType.BoolOf((la == ra) == (b.Op == BinaryOp.Eq)), Caps.None);
                        }

                        // Two literals compare to a constant; otherwise strict mode wants compatible types.
                        if (b.Left is LiteralExpr ll && b.Right is LiteralExpr rl)
                        {
                            return (CheckedType.BoolOf(ll.Value.Equals(rl.Value) == (b.Op == BinaryOp.Eq)), Caps.None);
                        }

                        if (CheckedType.Lub(l, r) is null)
                        {
                            Error(b.Span, "IncompatibleTypes", $"the types {l} and {r} are not compatible");
                            return (CheckedType.Never, Caps.None);
                        }

                        return (CheckedType.Bool, Caps.None);
                    }

                case BinaryOp.Less or BinaryOp.LessEq or BinaryOp.Greater or BinaryOp.GreaterEq:
                    {
                        var (l, _) = Type(b.Left, caps);
                        var (r, _) = Type(b.Right, caps);
                        if (l.Kind == CheckedKind.Never || r.Kind == CheckedKind.Never)
                        {
                            return (CheckedType.Never, Caps.None);
                        }

                        var ok = (l.Kind == CheckedKind.Long && r.Kind == CheckedKind.Long)
                            || (l.Kind == CheckedKind.Extension && r.Kind == CheckedKind.Extension && l.ExtensionName == r.ExtensionName
                                && l.ExtensionName is "datetime" or "duration");
                        if (!ok)
                        {
                            Error(b.Span, "UnexpectedType", $"unexpected types for comparison: {l} and {r}");
                            return (CheckedType.Never, Caps.None);
                        }

                        return (CheckedType.Bool, Caps.None);
                    }

                case BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul:
                    {
                        var okL = Expect(b.Left, caps, CheckedKind.Long);
                        var okR = Expect(b.Right, caps, CheckedKind.Long);
                        return (okL && okR ? CheckedType.Long : CheckedType.Never, Caps.None);
                    }

                case BinaryOp.In:
                    {
                        var (l, _) = Type(b.Left, caps);
                        if (l.Kind == CheckedKind.Never)
                        {
                            return (l, Caps.None);
                        }

                        if (l.Kind != CheckedKind.Entity)
                        {
                            Error(b.Left.Span, "UnexpectedType", $"unexpected type: expected an entity but saw {l}");
                            return (CheckedType.Never, Caps.None);
                        }

                        return (TypeIn(b.Left, l, b.Right, caps), Caps.None);
                    }

                case BinaryOp.Contains:
                    {
                        var (l, _) = Type(b.Left, caps);
                        var (r, _) = Type(b.Right, caps);
                        if (l.Kind == CheckedKind.Never || r.Kind == CheckedKind.Never)
                        {
                            return (CheckedType.Never, Caps.None);
                        }

                        if (l.Kind != CheckedKind.Set || CheckedType.Lub(l.Element!, r) is null)
                        {
                            Error(b.Span, "UnexpectedType", $"unexpected types for contains: {l} and {r}");
                            return (CheckedType.Never, Caps.None);
                        }

                        return (CheckedType.Bool, Caps.None);
                    }

                case BinaryOp.ContainsAll or BinaryOp.ContainsAny:
                    {
                        var (l, _) = Type(b.Left, caps);
                        var (r, _) = Type(b.Right, caps);
                        if (l.Kind == CheckedKind.Never || r.Kind == CheckedKind.Never)
                        {
                            return (CheckedType.Never, Caps.None);
                        }

                        if (l.Kind != CheckedKind.Set || r.Kind != CheckedKind.Set || CheckedType.Lub(l.Element!, r.Element!) is null)
                        {
                            Error(b.Span, "UnexpectedType", $"unexpected types for {b.Op}: {l} and {r}");
                            return (CheckedType.Never, Caps.None);
                        }

                        return (CheckedType.Bool, Caps.None);
                    }

                case BinaryOp.HasTag:
                    {
                        var (l, _) = Type(b.Left, caps);
                        var okKey = Expect(b.Right, caps, CheckedKind.String);
                        if (l.Kind == CheckedKind.Never || !okKey)
                        {
                            return (CheckedType.Never, Caps.None);
                        }

                        if (l.Kind != CheckedKind.Entity)
                        {
                            Error(b.Left.Span, "UnexpectedType", $"unexpected type: expected an entity but saw {l}");
                            return (CheckedType.Never, Caps.None);
                        }

                        if (!schema.EntityTypes.TryGetValue(l.EntityType!, out var et) || et.Tags is null)
                        {
                            return (CheckedType.False, Caps.None);
                        }

                        return (CheckedType.Bool, Caps.Of(TagKey(b.Left, b.Right)));
                    }

                case BinaryOp.GetTag:
                    {
                        var (l, _) = Type(b.Left, caps);
                        var okKey = Expect(b.Right, caps, CheckedKind.String);
                        if (l.Kind == CheckedKind.Never || !okKey)
                        {
                            return (CheckedType.Never, Caps.None);
                        }

                        if (l.Kind != CheckedKind.Entity || !schema.EntityTypes.TryGetValue(l.EntityType!, out var et) || et.Tags is null)
                        {
                            Error(b.Span, "NoTagsAllowed", $"`{l}` does not allow tags");
                            return (CheckedType.Never, Caps.None);
                        }

                        if (!caps.Contains(TagKey(b.Left, b.Right)))
                        {
                            Error(b.Span, "UnsafeTagAccess", "unable to guarantee safety of access to tag");
                            return (CheckedType.Never, Caps.None);
                        }

                        return (FromSchema(et.Tags), Caps.None);
                    }

                default:
                    return (CheckedType.Never, Caps.None);
            }
        }

        private CheckedType TypeIn(Expr leftExpr, CheckedType left, Expr right, Caps caps)
        {
            var (r, _) = Type(right, caps);
            if (r.Kind == CheckedKind.Never)
            {
                return r;
            }

            var target = r.Kind == CheckedKind.Set ? r.Element! : r;
            if (target.Kind != CheckedKind.Entity)
            {
                Error(right.Span, "UnexpectedType", $"unexpected type: expected an entity or a set of entities but saw {r}");
                return CheckedType.Never;
            }

            if (ActionUidOf(leftExpr) is { } leftAction)
            {
                var rightActions = right is SetExpr rs ? rs.Elements.Select(ActionUidOf).ToList() : [ActionUidOf(right)];
                if (rightActions.All(a => a is not null))
                {
                    return CheckedType.BoolOf(rightActions.Any(a => ActionIsDescendant(leftAction, a!)));
                }
            }

            return CanBeDescendant(left.EntityType!, target.EntityType!) || IsActionType(left.EntityType!) ? CheckedType.Bool : CheckedType.False;
        }

        /// <summary>The action an expression certainly denotes: the <c>action</c> variable or an action literal.</summary>
        private EntityUid? ActionUidOf(Expr e) => e switch
        {
            VarExpr { Var: Var.Action } => _env.Action.Uid,
            LiteralExpr { Value: EntityValue ev } when schema.Actions.ContainsKey(ev.Uid) => ev.Uid,
            _ => null,
        };

        private bool IsActionType(Name type) => schema.Actions.Keys.Any(a => a.Type == type);

        private CheckedType TypeGetAttr(GetAttrExpr ga, Caps caps)
        {
            var (t, _) = Type(ga.Target, caps);
            if (t.Kind == CheckedKind.Never)
            {
                return t;
            }

            var attributes = AttributesOf(t, ga.Target.Span);
            if (attributes is null)
            {
                return CheckedType.Never;
            }

            if (!attributes.TryGetValue(ga.Attribute, out var attr))
            {
                Error(ga.Span, "UnsafeAttributeAccess", $"attribute `{ga.Attribute}` on type {t} not found");
                return CheckedType.Never;
            }

            if (!attr.Required && !caps.Contains(AttrKey(ga.Target, ga.Attribute)))
            {
                Error(ga.Span, "UnsafeOptionalAttributeAccess", $"unable to guarantee safety of access to optional attribute `{ga.Attribute}`");
                return CheckedType.Never;
            }

            return attr.Type;
        }

        private (CheckedType, Caps) TypeHas(HasAttrExpr has, Caps caps)
        {
            var (t, _) = Type(has.Target, caps);
            if (t.Kind == CheckedKind.Never)
            {
                return (t, Caps.None);
            }

            // `e has a.b` checks each step: a present, then a.b; each later step may rely on the earlier ones.
            Expr current = has.Target;
            var acquired = Caps.None;
            var result = CheckedType.True;
            for (var i = 0; i < has.Path.Count; i++)
            {
                var attributes = AttributesOf(t, has.Target.Span);
                if (attributes is null)
                {
                    return (CheckedType.Never, Caps.None);
                }

                var name = has.Path[i];
                if (!attributes.TryGetValue(name, out var attr))
                {
                    return (CheckedType.False, Caps.None);
                }

                var key = AttrKey(current, name);
                if (!attr.Required && !caps.Contains(key))
                {
                    result = CheckedType.Bool;
                }

                acquired = acquired.Union(Caps.Of(key));
                current = new GetAttrExpr(current, name);
                t = attr.Type;
            }

            return (result, acquired);
        }

        private IReadOnlyDictionary<string, (CheckedType Type, bool Required)>? AttributesOf(CheckedType t, SourceSpan span)
        {
            if (t.Kind == CheckedKind.Record)
            {
                return t.Attributes;
            }

            if (t.Kind == CheckedKind.Entity)
            {
                if (schema.EntityTypes.TryGetValue(t.EntityType!, out var et))
                {
                    return FromSchema(et.Attributes).Attributes;
                }

                return new Dictionary<string, (CheckedType, bool)>();
            }

            Error(span, "UnexpectedType", $"unexpected type: expected an entity or record but saw {t}");
            return null;
        }

        private CheckedType TypeCall(ExtensionCallExpr call, Caps caps)
        {
            var name = call.FunctionName;
            if (ExtensionFunctions.IsConstructorName(name))
            {
                if (call.Arguments.Count != 1)
                {
                    Error(call.Span, "WrongNumberArguments", $"wrong number of arguments to `{name}`");
                    return CheckedType.Never;
                }

                if (call.Arguments[0] is LiteralExpr { Value: StringValue s })
                {
                    if (!ExtensionFunctions.TryConstruct(name, s.Value, out _, out var error))
                    {
                        Error(call.Span, "FunctionArgumentValidation", error);
                        return CheckedType.Never;
                    }
                }
                else if (!Expect(call.Arguments[0], caps, CheckedKind.String))
                {
                    return CheckedType.Never;
                }
                else
                {
                    Error(call.Span, "NonLitExtConstructor", $"extension constructors may not be called with non-literal expressions: `{name}`");
                    return CheckedType.Never;
                }

                return CheckedType.ExtensionOf(name == "ip" ? "ipaddr" : name);
            }

            (string[] Args, CheckedType Result)? signature = name switch
            {
                "isIpv4" or "isIpv6" or "isLoopback" or "isMulticast" => (["ipaddr"], CheckedType.Bool),
                "isInRange" => (["ipaddr", "ipaddr"], CheckedType.Bool),
                "lessThan" or "lessThanOrEqual" or "greaterThan" or "greaterThanOrEqual" => (["decimal", "decimal"], CheckedType.Bool),
                "offset" => (["datetime", "duration"], CheckedType.ExtensionOf("datetime")),
                "durationSince" => (["datetime", "datetime"], CheckedType.ExtensionOf("duration")),
                "toDate" => (["datetime"], CheckedType.ExtensionOf("datetime")),
                "toTime" => (["datetime"], CheckedType.ExtensionOf("duration")),
                "toMilliseconds" or "toSeconds" or "toMinutes" or "toHours" or "toDays" => (["duration"], CheckedType.Long),
                _ => null,
            };
            if (signature is not { } sig)
            {
                Error(call.Span, "UndefinedFunction", $"undefined extension function: {name}");
                return CheckedType.Never;
            }

            if (call.Arguments.Count != sig.Args.Length)
            {
                Error(call.Span, "WrongNumberArguments", $"wrong number of arguments to `{name}`");
                return CheckedType.Never;
            }

            var ok = true;
            for (var i = 0; i < sig.Args.Length; i++)
            {
                var (t, _) = Type(call.Arguments[i], caps);
                if (t.Kind == CheckedKind.Never)
                {
                    ok = false;
                }
                else if (t.Kind != CheckedKind.Extension || t.ExtensionName != sig.Args[i])
                {
                    Error(call.Arguments[i].Span, "UnexpectedType", $"unexpected type: expected {sig.Args[i]} but saw {t}");
                    ok = false;
                }
            }

            return ok ? sig.Result : CheckedType.Never;
        }

        private (CheckedType, Caps) ExpectBool(Expr e, Caps caps)
        {
            var (t, c) = Type(e, caps);
            if (t.Kind != CheckedKind.Never && !t.IsBoolean)
            {
                Error(e.Span, "UnexpectedType", $"unexpected type: expected Bool but saw {t}");
                return (CheckedType.Never, Caps.None);
            }

            return (t, c);
        }

        private bool Expect(Expr e, Caps caps, CheckedKind kind)
        {
            var (t, _) = Type(e, caps);
            if (t.Kind == CheckedKind.Never)
            {
                return false;
            }

            if (t.Kind != kind)
            {
                Error(e.Span, "UnexpectedType", $"unexpected type: expected {kind} but saw {t}");
                return false;
            }

            return true;
        }

        private static CheckedType FromSchema(SchemaType t) => t switch
        {
            PrimitiveType { Kind: SchemaTypeKind.Bool } => CheckedType.Bool,
            PrimitiveType { Kind: SchemaTypeKind.Long } => CheckedType.Long,
            PrimitiveType => CheckedType.String,
            EntityRefType e => CheckedType.EntityOf(e.EntityType),
            SetType s => CheckedType.SetOf(FromSchema(s.Element)),
            ExtensionType x => CheckedType.ExtensionOf(x.Name),
            RecordType r => CheckedType.RecordOf(r.Attributes.ToDictionary(a => a.Key, a => (FromSchema(a.Value.Type), a.Value.Required), StringComparer.Ordinal)),
            _ => CheckedType.Never,
        };

        private static string AttrKey(Expr target, string attribute) => ExprKey(target) + "." + attribute;

        private static string TagKey(Expr target, Expr key) => ExprKey(target) + ".tag(" + ExprKey(key) + ")";

        /// <summary>A structural key for the expressions capabilities are attached to.</summary>
        private static string ExprKey(Expr e) => e switch
        {
            VarExpr v => v.Var.ToString(),
            SlotExpr s => "?" + s.Slot,
            LiteralExpr { Value: EntityValue ev } => ev.Uid.ToString(),
            LiteralExpr { Value: StringValue sv } => "\"" + StringEscaper.Escape(sv.Value) + "\"",
            LiteralExpr l => l.Value.ToString() ?? "",
            GetAttrExpr g => ExprKey(g.Target) + "." + g.Attribute,
            BinaryExpr { Op: BinaryOp.GetTag } b => ExprKey(b.Left) + ".tag(" + ExprKey(b.Right) + ")",
            _ => "#" + e.GetHashCode(),
        };

        private void Error(SourceSpan span, string kind, string message)
        {
            if (_reported.Add(kind + "|" + span.Start + "|" + message))
            {
                errors.Add(new ValidationIssue(policy.Id, span, kind, message));
            }
        }

        private void Warning(SourceSpan span, string kind, string message) => warnings.Add(new ValidationIssue(policy.Id, span, kind, message));
    }

    /// <summary>The attribute and tag accesses known to be safe (an immutable set).</summary>
    private sealed class Caps
    {
        public static readonly Caps None = new([]);

        private readonly HashSet<string> _keys;

        public Caps() : this([])
        {
        }

        private Caps(HashSet<string> keys) => _keys = keys;

        public static Caps Of(string key) => new([key]);

        public bool Contains(string key) => _keys.Contains(key);

        public Caps Union(Caps other) =>
            other._keys.Count == 0 ? this : _keys.Count == 0 ? other : new([.. _keys, .. other._keys]);

        public Caps Intersect(Caps other) => _keys.Count == 0 || other._keys.Count == 0 ? None : new([.. _keys.Where(other._keys.Contains)]);
    }
}
