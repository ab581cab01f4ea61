using System.Runtime.CompilerServices;
using Cedar.Ast;
using Cedar.Extensions;
using Cedar.Values;

namespace Cedar.Validation;

/// <summary>
/// The result of type checking one expression: its type when known (a failed expression may still have one), the
/// capabilities it establishes when it evaluates to true, and whether it type checked.
/// </summary>
internal readonly record struct TypeAnswer(CedarType? Type, CapabilitySet Capabilities, bool Ok)
{
    public static TypeAnswer Success(CedarType? type, CapabilitySet? capabilities = null) => new(type, capabilities ?? CapabilitySet.Empty, true);

    public static TypeAnswer Fail(CedarType? type) => new(type, CapabilitySet.Empty, false);

    /// <summary>The capabilities a continuation sees: none after a failure (Cedar's <c>then_typecheck</c>).</summary>
    public CapabilitySet Usable => Ok ? Capabilities : CapabilitySet.Empty;

    public TypeAnswer FailIf(bool failed) => failed && Ok ? Fail(Type) : this;
}

/// <summary>Cedar's strict type checker for one request environment (one principal type, action and resource type).</summary>
internal sealed class EnvironmentTypechecker(SchemaIndex schema, RequestEnvironment env, string policyId, List<ValidationIssue> errors)
{
    private static readonly CedarType[] s_entityOrRecord = [CedarType.AnyEntity, CedarType.AnyRecord];
    private static readonly CedarType[] s_entityOrEntitySet = [CedarType.SetOf(CedarType.AnyEntity), CedarType.AnyEntity];

    private int _depth;

    public TypeAnswer ExpectType(CapabilitySet prior, Expr e, CedarType expected) => ExpectOneOf(prior, e, [expected]);

    public TypeAnswer ExpectOneOf(CapabilitySet prior, Expr e, CedarType[] expected)
    {
        var actual = Check(prior, e);
        if (actual.Type is null)
        {
            return TypeAnswer.Fail(null);
        }

        foreach (var t in expected)
        {
            // Cedar checks operand kinds with permissive subtyping even in strict mode (width subtyping for records).
            if (TypeRelations.IsSubtype(schema, actual.Type, t, strict: false))
            {
                return actual;
            }
        }

        Error(ValidationKinds.UnexpectedType, e.Span, "unexpected type: expected " + ExpectedText(expected) + " but saw " + actual.Type);
        return TypeAnswer.Fail(null);
    }

    private static string ExpectedText(IReadOnlyList<CedarType> expected) =>
        expected.Count == 1 ? expected[0].ToString() : string.Join(", or ", expected.Take(expected.Count - 1)) + ", or " + expected[^1];

    private void Error(string kind, SourceSpan span, string message) => errors.Add(new ValidationIssue(policyId, kind, message, span));

    public TypeAnswer Check(CapabilitySet prior, Expr e)
    {
        if (_depth > 5000 || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Error(ValidationKinds.RecursionLimit, e.Span, "the expression is too deeply nested to validate");
            return TypeAnswer.Fail(null);
        }

        _depth++;
        try
        {
            return CheckCore(prior, e);
        }
        finally
        {
            _depth--;
        }
    }

    private TypeAnswer CheckCore(CapabilitySet prior, Expr e)
    {
        switch (e)
        {
            case VarExpr v:
                return TypeAnswer.Success(v.Var switch
                {
                    Var.Principal => CedarType.Entity(env.Principal),
                    Var.Action => CedarType.ActionEntity(env.Action.Uid.Type),
                    Var.Resource => CedarType.Entity(env.Resource),
                    _ => env.Context,
                });
            case SlotExpr s:
                var slotType = s.Slot == SlotId.Principal ? env.PrincipalSlot : env.ResourceSlot;
                return TypeAnswer.Success(slotType is null ? CedarType.AnyEntity : CedarType.Entity(slotType));
            case LiteralExpr lit:
                return CheckLiteral(lit.Value);
            case IfExpr i:
                return CheckIf(prior, i);
            case AndExpr a:
                return CheckAnd(prior, a.Left, a.Right);
            case OrExpr o:
                return CheckOr(prior, o);
            case UnaryExpr u:
                return CheckUnary(prior, u);
            case BinaryExpr b:
                return CheckBinary(prior, b);
            case ExtensionCallExpr c:
                return CheckExtensionCall(prior, c);
            case GetAttrExpr g:
                return CheckGetAttr(prior, g);
            case HasAttrExpr h:
                return h.Path.Count == 1 ? CheckHasAttr(prior, h.Target, h.Path[0], h.Span) : Check(prior, DesugarHasPath(h));
            case LikeExpr l:
                var target = ExpectType(prior, l.Target, CedarType.String);
                return TypeAnswer.Success(CedarType.Bool).FailIf(!target.Ok);
            case IsExpr isExpr:
                if (isExpr.InEntity is not null)
                {
                    // `e is T in E` means `e is T && e in E`.
                    var isPart = new IsExpr(isExpr.Target, isExpr.EntityType, null) { Span = isExpr.Span };
                    var inPart = new BinaryExpr(BinaryOp.In, isExpr.Target, isExpr.InEntity) { Span = isExpr.Span };
                    return CheckAnd(prior, isPart, inPart);
                }

                return CheckIs(prior, isExpr);
            case SetExpr set:
                return CheckSet(prior, set);
            case RecordExpr rec:
                return CheckRecord(prior, rec);
            default:
                Error(ValidationKinds.UnexpectedType, e.Span, "unsupported expression");
                return TypeAnswer.Fail(null);
        }
    }

    private TypeAnswer CheckLiteral(Value value)
    {
        switch (value)
        {
            case BoolValue b:
                return TypeAnswer.Success(CedarType.Singleton(b.Value));
            case LongValue:
                return TypeAnswer.Success(CedarType.Long);
            case StringValue:
                return TypeAnswer.Success(CedarType.String);
            case EntityValue ev:
                // Unknown entity types and actions are reported by the policy-level checks; here they only fail.
                var uid = ev.Uid;
                if (uid.Type.IsAction)
                {
                    return schema.IsKnownAction(uid) ? TypeAnswer.Success(CedarType.ActionEntity(uid.Type)) : TypeAnswer.Fail(null);
                }

                return schema.IsEntityType(uid.Type) ? TypeAnswer.Success(CedarType.Entity(uid.Type)) : TypeAnswer.Fail(null);
            default:
                return TypeAnswer.Fail(null);
        }
    }

    private TypeAnswer CheckIf(CapabilitySet prior, IfExpr i)
    {
        var test = ExpectType(prior, i.Condition, CedarType.Bool);
        var testCaps = test.Usable;
        if (test.Type == CedarType.True)
        {
            var then = Check(prior.Union(testCaps), i.Then);
            return new TypeAnswer(then.Type, then.Usable.Union(testCaps), true).FailIf(!test.Ok || !then.Ok);
        }

        if (test.Type == CedarType.False)
        {
            var @else = Check(prior, i.Else);
            return @else.FailIf(!test.Ok);
        }

        var thenAnswer = Check(prior.Union(testCaps), i.Then);
        var thenCaps = thenAnswer.Usable.Union(testCaps);
        var elseAnswer = Check(prior, i.Else);
        var lub = LubOrError(i.Span, [thenAnswer.Type, elseAnswer.Type], "both branches of a conditional must have compatible types");
        if (lub is null)
        {
            return TypeAnswer.Fail(null);
        }

        return new TypeAnswer(lub, elseAnswer.Usable.Intersect(thenCaps), true).FailIf(!test.Ok || !thenAnswer.Ok || !elseAnswer.Ok);
    }

    private TypeAnswer CheckAnd(CapabilitySet prior, Expr leftExpr, Expr rightExpr)
    {
        var left = ExpectType(prior, leftExpr, CedarType.Bool);
        if (left.Type == CedarType.False)
        {
            return new TypeAnswer(CedarType.False, CapabilitySet.Empty, left.Ok);
        }

        var capLeft = left.Usable;
        var right = ExpectType(prior.Union(capLeft), rightExpr, CedarType.Bool);
        var capRight = right.Usable;
        var ok = left.Ok && right.Ok;
        if (left.Type is null || right.Type is null)
        {
            return TypeAnswer.Fail(CedarType.Bool);
        }

        if (right.Type == CedarType.False)
        {
            return new TypeAnswer(CedarType.False, CapabilitySet.Empty, true).FailIf(!ok);
        }

        if (right.Type == CedarType.True)
        {
            return new TypeAnswer(left.Type, capLeft.Union(capRight), true).FailIf(!ok);
        }

        if (left.Type == CedarType.True)
        {
            return new TypeAnswer(right.Type, capRight, true).FailIf(!ok);
        }

        return new TypeAnswer(CedarType.Bool, capLeft.Union(capRight), true).FailIf(!ok);
    }

    private TypeAnswer CheckOr(CapabilitySet prior, OrExpr o)
    {
        var left = ExpectType(prior, o.Left, CedarType.Bool);
        var capLeft = left.Usable;
        if (left.Type == CedarType.True)
        {
            return new TypeAnswer(CedarType.True, capLeft, left.Ok);
        }

        var right = ExpectType(prior, o.Right, CedarType.Bool);
        var capRight = right.Usable;
        var ok = left.Ok && right.Ok;
        if (left.Type is null || right.Type is null)
        {
            return TypeAnswer.Fail(CedarType.Bool);
        }

        if (right.Type == CedarType.True)
        {
            return new TypeAnswer(CedarType.True, capRight, true).FailIf(!ok);
        }

        if (right.Type == CedarType.False)
        {
            return new TypeAnswer(left.Type, capLeft, true).FailIf(!ok);
        }

        if (left.Type == CedarType.False)
        {
            return new TypeAnswer(right.Type, capRight, true).FailIf(!ok);
        }

        return new TypeAnswer(CedarType.Bool, capRight.Intersect(capLeft), true).FailIf(!ok);
    }

    private TypeAnswer CheckUnary(CapabilitySet prior, UnaryExpr u)
    {
        switch (u.Op)
        {
            case UnaryOp.Not:
                return Not(ExpectType(prior, u.Operand, CedarType.Bool));
            case UnaryOp.Neg:
                return TypeAnswer.Success(CedarType.Long).FailIf(!ExpectType(prior, u.Operand, CedarType.Long).Ok);
            default:
                return TypeAnswer.Success(CedarType.Bool).FailIf(!ExpectType(prior, u.Operand, CedarType.AnySet).Ok);
        }
    }

    private static TypeAnswer Not(TypeAnswer arg)
    {
        if (arg.Type is null)
        {
            return TypeAnswer.Fail(CedarType.Bool);
        }

        var type = arg.Type == CedarType.True ? CedarType.False : arg.Type == CedarType.False ? CedarType.True : CedarType.Bool;
        return TypeAnswer.Success(type).FailIf(!arg.Ok);
    }

    private TypeAnswer CheckBinary(CapabilitySet prior, BinaryExpr b)
    {
        switch (b.Op)
        {
            case BinaryOp.Eq:
                return CheckEquality(prior, b.Left, b.Right, b.Span);
            case BinaryOp.NotEq:
                return Not(CheckEquality(prior, b.Left, b.Right, b.Span));
            case BinaryOp.Less:
            case BinaryOp.LessEq:
                return CheckComparison(prior, b.Left, b.Right);
            case BinaryOp.Greater:
            case BinaryOp.GreaterEq:
                // Cedar desugars `a > b` to `b < a`.
                return CheckComparison(prior, b.Right, b.Left);
            case BinaryOp.Add:
            case BinaryOp.Sub:
            case BinaryOp.Mul:
                var l = ExpectType(prior, b.Left, CedarType.Long);
                var r = ExpectType(prior, b.Right, CedarType.Long);
                return TypeAnswer.Success(CedarType.Long).FailIf(!l.Ok || !r.Ok);
            case BinaryOp.In:
                return CheckIn(prior, b);
            case BinaryOp.Contains:
            {
                var set = ExpectType(prior, b.Left, CedarType.AnySet);
                var element = Check(prior, b.Right);
                var answer = EnforceStrictEquality(b.Span, CedarType.Bool, set.Type?.Kind == CedarTypeKind.Set ? set.Type.Element : null, element.Type, "elements of the set and the argument to `contains` must have compatible types");
                return answer.FailIf(!set.Ok || !element.Ok);
            }

            case BinaryOp.ContainsAll:
            case BinaryOp.ContainsAny:
            {
                var left = ExpectType(prior, b.Left, CedarType.AnySet);
                var right = ExpectType(prior, b.Right, CedarType.AnySet);
                var answer = EnforceStrictEquality(b.Span, CedarType.Bool, left.Type, right.Type, "both operands to a `containsAll` or `containsAny` must have compatible types");
                return answer.FailIf(!left.Ok || !right.Ok);
            }

            case BinaryOp.HasTag:
                return CheckHasTag(prior, b);
            default:
                return CheckGetTag(prior, b);
        }
    }

    private TypeAnswer CheckEquality(CapabilitySet prior, Expr leftExpr, Expr rightExpr, SourceSpan span)
    {
        var left = Check(prior, leftExpr);
        var right = Check(prior, rightExpr);
        CedarType typeOfEq;
        if (left.Type is not null && right.Type is not null && TypeRelations.AreDisjoint(left.Type, right.Type))
        {
            typeOfEq = CedarType.False;
        }
        else if (AsLiteral(leftExpr) is { } l && AsLiteral(rightExpr) is { } r)
        {
            typeOfEq = CedarType.Singleton(l.Equals(r));
        }
        else
        {
            typeOfEq = CedarType.Bool;
        }

        return EnforceStrictEquality(span, typeOfEq, left.Type, right.Type, "both operands to a `==` expression must have compatible types")
            .FailIf(!left.Ok || !right.Ok);
    }

    /// <summary>A literal, or the action of the environment for the <c>action</c> variable.</summary>
    private Value? AsLiteral(Expr e) => e switch
    {
        LiteralExpr lit => lit.Value,
        VarExpr { Var: Var.Action } => Value.Entity(env.Action.Uid),
        _ => null,
    };

    private EntityUid? AsEntityLiteral(Expr e) => AsLiteral(e) is EntityValue ev ? ev.Uid : null;

    private TypeAnswer EnforceStrictEquality(SourceSpan span, CedarType annotated, CedarType? left, CedarType? right, string context)
    {
        if (annotated == CedarType.True || annotated == CedarType.False || left is null || right is null)
        {
            return TypeAnswer.Success(annotated);
        }

        if (TypeRelations.LeastUpperBound(schema, left, right, strict: true, out var hint) is null)
        {
            Error(ValidationKinds.IncompatibleTypes, span, $"the types {left} and {right} are not compatible: {context}. {TypeRelations.HintText(hint)}");
            return TypeAnswer.Fail(annotated);
        }

        return TypeAnswer.Success(annotated);
    }

    private TypeAnswer CheckComparison(CapabilitySet prior, Expr leftExpr, Expr rightExpr)
    {
        var left = Check(prior, leftExpr);
        var right = Check(prior, rightExpr);
        var ok = left.Ok && right.Ok;
        var success = TypeAnswer.Success(CedarType.Bool).FailIf(!ok);
        var fail = TypeAnswer.Fail(CedarType.Bool);
        var t1 = left.Type;
        var t2 = right.Type;
        if (t1 is null || t2 is null)
        {
            return fail;
        }

        var expectedAll = ExtensionSignatures.ComparableExtensionTypes.Append(CedarType.Long).ToArray();
        if (t1.Kind == CedarTypeKind.Never && t2.Kind == CedarTypeKind.Never)
        {
            return fail;
        }

        if (t1.Kind == CedarTypeKind.Never || t2.Kind == CedarTypeKind.Never)
        {
            var (other, otherExpr) = t1.Kind == CedarTypeKind.Never ? (t2, rightExpr) : (t1, leftExpr);
            if (IsComparable(other))
            {
                return success;
            }

            UnexpectedType(otherExpr, expectedAll, other);
            return fail;
        }

        if (t1.Equals(t2) && IsComparable(t1))
        {
            return success;
        }

        if (t1 == CedarType.Long)
        {
            UnexpectedType(rightExpr, [CedarType.Long], t2);
        }
        else if (t2 == CedarType.Long)
        {
            UnexpectedType(leftExpr, [CedarType.Long], t1);
        }
        else if (IsComparable(t1))
        {
            UnexpectedType(rightExpr, [t1], t2);
        }
        else if (IsComparable(t2))
        {
            UnexpectedType(leftExpr, [t2], t1);
        }
        else
        {
            UnexpectedType(leftExpr, expectedAll, t1);
            UnexpectedType(rightExpr, expectedAll, t2);
        }

        return fail;
    }

    private static bool IsComparable(CedarType t) => t == CedarType.Long || ExtensionSignatures.ComparableExtensionTypes.Contains(t);

    private void UnexpectedType(Expr e, IReadOnlyList<CedarType> expected, CedarType actual) =>
        Error(ValidationKinds.UnexpectedType, e.Span, "unexpected type: expected " + ExpectedText(expected) + " but saw " + actual);

    private TypeAnswer CheckIn(CapabilitySet prior, BinaryExpr b)
    {
        var left = ExpectType(prior, b.Left, CedarType.AnyEntity);
        var right = ExpectOneOf(prior, b.Right, s_entityOrEntitySet);
        if (!left.Ok || !right.Ok)
        {
            return TypeAnswer.Fail(CedarType.Bool);
        }

        var lhsUid = AsEntityLiteral(b.Left);
        List<EntityUid>? rhsUids = null;
        if (AsEntityLiteral(b.Right) is { } single)
        {
            rhsUids = [single];
        }
        else if (b.Right is SetExpr set)
        {
            rhsUids = [];
            foreach (var el in set.Elements)
            {
                if (AsEntityLiteral(el) is not { } u)
                {
                    rhsUids = null;
                    break;
                }

                rhsUids.Add(u);
            }
        }

        if (lhsUid is not null && rhsUids is not null && lhsUid.Type.IsAction)
        {
            var rhsActions = rhsUids.Where(u => u.Type.IsAction).ToList();
            if (rhsActions.Count == 0)
            {
                return TypeAnswer.Success(CedarType.False);
            }

            var descendants = schema.ActionsInSet(rhsActions);
            return descendants is null ? TypeAnswer.Fail(CedarType.Bool) : TypeAnswer.Success(CedarType.Singleton(descendants.Contains(lhsUid)));
        }

        // Action entities take part as the one entity type they have.
        var lhsTypes = IsNamedEntity(left.Type!) ? left.Type!.EntityTypes : null;
        var rt = right.Type!;
        var rhsTypes = IsNamedEntity(rt) ? rt.EntityTypes
            : rt.Kind == CedarTypeKind.Set && rt.Element is { } elementType && IsNamedEntity(elementType) ? elementType.EntityTypes
            : null;
        if (lhsTypes is not null && rhsTypes is not null &&
            !lhsTypes.Any(l => rhsTypes.Any(r => schema.EntityTypesIn(r).Contains(l) || schema.ActionTypeMayBeIn(l, r))))
        {
            return TypeAnswer.Success(CedarType.False);
        }

        return TypeAnswer.Success(CedarType.Bool);
    }

    private static bool IsNamedEntity(CedarType t) => t.Kind is CedarTypeKind.Entity or CedarTypeKind.ActionEntity;

    private HashSet<CedarType> TagTypes(CedarType entity)
    {
        var result = new HashSet<CedarType>();
        var names = IsNamedEntity(entity) ? entity.EntityTypes : schema.EntityTypeNames;
        foreach (var n in names)
        {
            if (schema.TagTypeOf(n) is { } t)
            {
                result.Add(t);
            }
        }

        return result;
    }

    private static Capability TagCapability(Expr target, Expr tag) => new(ExprShape.Key(target), ExprShape.Key(tag), IsTag: true);

    private static Capability AttributeCapability(Expr target, string attribute) => new(ExprShape.Key(target), ExprShape.AttributeKey(attribute), IsTag: false);

    private TypeAnswer CheckHasTag(CapabilitySet prior, BinaryExpr b)
    {
        var entity = ExpectType(prior, b.Left, CedarType.AnyEntity);
        var tag = ExpectType(prior, b.Right, CedarType.String);
        var ok = entity.Ok && tag.Ok;
        if (entity.Type is null)
        {
            return TypeAnswer.Fail(null);
        }

        var capability = TagCapability(b.Left, b.Right);
        var type = TagTypes(entity.Type).Count == 0 ? CedarType.False
            : prior.Contains(capability) ? CedarType.True
            : CedarType.Bool;
        return TypeAnswer.Success(type, CapabilitySet.Of(capability)).FailIf(!ok);
    }

    private TypeAnswer CheckGetTag(CapabilitySet prior, BinaryExpr b)
    {
        var entity = ExpectType(prior, b.Left, CedarType.AnyEntity);
        var tag = ExpectType(prior, b.Right, CedarType.String);
        if (entity.Type is null)
        {
            return TypeAnswer.Fail(null);
        }

        var single = entity.Type.SingleEntity;
        if (!prior.Contains(TagCapability(b.Left, b.Right)))
        {
            Error(ValidationKinds.UnsafeTagAccess, b.Span, "unable to guarantee safety of access to tag " + DescribeTag(b.Right) + (single is null ? "" : " on entity type `" + single + "`"));
            return TypeAnswer.Fail(null);
        }

        var tagTypes = TagTypes(entity.Type);
        if (tagTypes.Count == 0)
        {
            Error(ValidationKinds.NoTagsAllowed, b.Span, single is null ? "tag access is not allowed: no entity types in this context are allowed to have tags" : "`" + single + "` does not allow tags; tag access is not allowed");
            return TypeAnswer.Fail(null);
        }

        CedarType? lub = CedarType.Never;
        var hint = LubHint.None;
        foreach (var t in tagTypes)
        {
            lub = TypeRelations.LeastUpperBound(schema, lub, t, strict: true, out hint);
            if (lub is null)
            {
                break;
            }
        }

        if (lub is null)
        {
            Error(ValidationKinds.IncompatibleTypes, b.Span, "the types " + string.Join(", ", tagTypes) + " are not compatible: tag types must be compatible. " + TypeRelations.HintText(hint));
            return TypeAnswer.Fail(null);
        }

        return TypeAnswer.Success(lub).FailIf(!entity.Ok || !tag.Ok);
    }

    private static string DescribeTag(Expr tag) => tag is LiteralExpr { Value: StringValue s } ? "`\"" + StringEscaper.Escape(s.Value) + "\"`" : "(computed)";

    private TypeAnswer CheckGetAttr(CapabilitySet prior, GetAttrExpr g)
    {
        var target = ExpectOneOf(prior, g.Target, s_entityOrRecord);
        if (target.Type is null)
        {
            return TypeAnswer.Fail(null);
        }

        var attribute = TypeRelations.LookupAttribute(schema, target.Type, g.Attribute);
        if (attribute is { } a)
        {
            if (a.Required || prior.Contains(AttributeCapability(g.Target, g.Attribute)))
            {
                return TypeAnswer.Success(a.Type).FailIf(!target.Ok);
            }

            Error(ValidationKinds.UnsafeOptionalAttributeAccess, g.Span, "unable to guarantee safety of access to optional attribute `" + g.Attribute + "` on " + DescribeAccessed(target.Type));
            return TypeAnswer.Fail(a.Type);
        }

        Error(ValidationKinds.UnsafeAttributeAccess, g.Span, "attribute `" + g.Attribute + "` on " + DescribeAccessed(target.Type) + " not found");
        return TypeAnswer.Fail(null);
    }

    private static string DescribeAccessed(CedarType t) => t.Kind switch
    {
        CedarTypeKind.Entity or CedarTypeKind.ActionEntity => "entity type `" + t + "`",
        CedarTypeKind.AnyEntity => "an entity",
        _ => "a record",
    };

    private TypeAnswer CheckHasAttr(CapabilitySet prior, Expr targetExpr, string attributeName, SourceSpan span)
    {
        _ = span;
        var target = ExpectOneOf(prior, targetExpr, s_entityOrRecord);
        if (target.Type is null)
        {
            return TypeAnswer.Fail(CedarType.Bool);
        }

        var capability = AttributeCapability(targetExpr, attributeName);
        var attribute = TypeRelations.LookupAttribute(schema, target.Type, attributeName);
        TypeAnswer answer;
        if (attribute is { Required: true })
        {
            var known = target.Type.Kind == CedarTypeKind.Record || prior.Contains(capability);
            answer = TypeAnswer.Success(known ? CedarType.True : CedarType.Bool, CapabilitySet.Of(capability));
        }
        else if (attribute is not null)
        {
            answer = TypeAnswer.Success(prior.Contains(capability) ? CedarType.True : CedarType.Bool, CapabilitySet.Of(capability));
        }
        else
        {
            answer = TypeAnswer.Success(TypeRelations.MayHaveAttribute(schema, target.Type, attributeName) ? CedarType.Bool : CedarType.False);
        }

        return answer.FailIf(!target.Ok);
    }

    /// <summary><c>e has a.b.c</c> means <c>e has a &amp;&amp; e.a has b &amp;&amp; e.a.b has c</c>.</summary>
    private static Expr DesugarHasPath(HasAttrExpr h)
    {
        Expr result = new HasAttrExpr(h.Target, h.Path[0]) { Span = h.Span };
        Expr access = new GetAttrExpr(h.Target, h.Path[0]) { Span = h.Span };
        for (var i = 1; i < h.Path.Count; i++)
        {
            result = new AndExpr(result, new HasAttrExpr(access, h.Path[i]) { Span = h.Span }) { Span = h.Span };
            access = new GetAttrExpr(access, h.Path[i]) { Span = h.Span };
        }

        return result;
    }

    private TypeAnswer CheckIs(CapabilitySet prior, IsExpr isExpr)
    {
        var target = ExpectType(prior, isExpr.Target, CedarType.AnyEntity);
        var t = target.Type;
        if (t is not null && IsNamedEntity(t))
        {
            var type = !t.EntityTypes.Contains(isExpr.EntityType) ? CedarType.False
                : t.EntityTypes.Count == 1 ? CedarType.True
                : CedarType.Bool;
            return TypeAnswer.Success(type).FailIf(!target.Ok);
        }

        if (t?.Kind == CedarTypeKind.AnyEntity)
        {
            return TypeAnswer.Success(CedarType.Bool).FailIf(!target.Ok);
        }

        return TypeAnswer.Fail(CedarType.Bool);
    }

    private TypeAnswer CheckSet(CapabilitySet prior, SetExpr set)
    {
        var answers = set.Elements.Select(el => Check(prior, el)).ToList();
        var ok = answers.All(a => a.Ok);
        var lub = LubOrError(set.Span, answers.Select(a => a.Type).ToList(), "elements of a set must have compatible types");
        if (set.Elements.Count == 0)
        {
            Error(ValidationKinds.EmptySetForbidden, set.Span, "empty set literals are forbidden in policies");
            return TypeAnswer.Fail(null);
        }

        return lub is null ? TypeAnswer.Fail(null) : TypeAnswer.Success(CedarType.SetOf(lub)).FailIf(!ok);
    }

    private TypeAnswer CheckRecord(CapabilitySet prior, RecordExpr rec)
    {
        var attrs = new List<KeyValuePair<string, AttributeInfo>>();
        var ok = true;
        var allTyped = true;
        foreach (var (key, value) in rec.Attributes)
        {
            var a = Check(prior, value);
            ok &= a.Ok;
            if (a.Type is null)
            {
                allTyped = false;
            }
            else
            {
                attrs.Add(KeyValuePair.Create(key, new AttributeInfo(a.Type, true)));
            }
        }

        return allTyped ? TypeAnswer.Success(CedarType.Record(attrs, open: false)).FailIf(!ok) : TypeAnswer.Fail(null);
    }

    private CedarType? LubOrError(SourceSpan span, IReadOnlyList<CedarType?> types, string context)
    {
        if (types.Any(t => t is null))
        {
            return null;
        }

        var lub = CedarType.Never;
        foreach (var t in types)
        {
            var next = TypeRelations.LeastUpperBound(schema, lub, t!, strict: true, out var hint);
            if (next is null)
            {
                Error(ValidationKinds.IncompatibleTypes, span, "the types " + string.Join(" and ", types.Distinct()) + " are not compatible: " + context + ". " + TypeRelations.HintText(hint));
                return null;
            }

            lub = next;
        }

        return lub;
    }

    private TypeAnswer CheckExtensionCall(CapabilitySet prior, ExtensionCallExpr call)
    {
        var signature = ExtensionSignatures.Find(call.FunctionName);
        if (signature is null)
        {
            Error(ValidationKinds.UndefinedFunction, call.Span, "undefined extension function: " + call.FunctionName);
            foreach (var arg in call.Arguments)
            {
                Check(prior, arg);
            }

            return TypeAnswer.Fail(null);
        }

        var failed = false;
        if (call.Arguments.Count != signature.Arguments.Count)
        {
            Error(ValidationKinds.WrongNumberArguments, call.Span, $"wrong number of arguments in extension function application. Expected {signature.Arguments.Count}, got {call.Arguments.Count}");
            failed = true;
        }

        if (signature.IsConstructor)
        {
            // Like Cedar, a literal argument is only parsed when the call has the right number of arguments.
            if (call.Arguments.Count == 1 && call.Arguments[0] is LiteralExpr { Value: StringValue s } &&
                !ExtensionFunctions.TryConstruct(signature.Name, s.Value, out _, out var parseError))
            {
                Error(ValidationKinds.FunctionArgumentValidation, call.Span, "error during extension function argument validation: " + parseError);
                failed = true;
            }

            if (!call.Arguments.All(a => a is LiteralExpr))
            {
                Error(ValidationKinds.NonLitExtConstructor, call.Span, "extension constructors may not be called with non-literal expressions");
                failed = true;
            }
        }

        if (failed)
        {
            foreach (var arg in call.Arguments)
            {
                Check(prior, arg);
            }

            return TypeAnswer.Fail(signature.Returns);
        }

        var ok = true;
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            ok &= ExpectType(prior, call.Arguments[i], signature.Arguments[i]).Ok;
        }

        return TypeAnswer.Success(signature.Returns).FailIf(!ok);
    }
}
