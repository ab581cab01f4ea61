using System.Runtime.CompilerServices;
using Cedar.Ast;
using Cedar.Authorization;
using Cedar.Entities;
using Cedar.Extensions;
using Cedar.Values;

namespace Cedar.Evaluation;

/// <summary>
/// Evaluates Cedar expressions for one request against one entity store. Cheap to create; not thread-safe
/// (it carries a depth counter), so create one per request and thread.
/// Errors are returned as values (<see cref="EvalResult"/>), never thrown.
/// </summary>
public sealed class Evaluator
{
    /// <summary>Expression nesting deeper than this is reported as <see cref="EvaluationErrorKind.RecursionLimit"/>.</summary>
    public const int MaxDepth = 1000;

    private readonly EntityStore _entities;
    private readonly EntityValue _principal;
    private readonly EntityValue _action;
    private readonly EntityValue _resource;
    private readonly RecordValue _context;
    private IReadOnlyDictionary<SlotId, EntityUid>? _slots;
    private int _depth;

    public Evaluator(Request request, EntityStore entities)
    {
        _entities = entities;
        _principal = new EntityValue(request.Principal);
        _action = new EntityValue(request.Action);
        _resource = new EntityValue(request.Resource);
        _context = request.Context;
    }

    public EntityStore Entities => _entities;

    /// <summary>Evaluates an expression; <paramref name="slots"/> binds template slots (null for static policies).</summary>
    public EvalResult Evaluate(Expr expr, IReadOnlyDictionary<SlotId, EntityUid>? slots = null)
    {
        _slots = slots;
        _depth = 0;
        return Eval(expr);
    }

    /// <summary>Cedar's <c>in</c> on entities: equal, or the right one is an ancestor of the left one. A missing entity has no ancestors.</summary>
    public bool IsInEntity(EntityUid child, EntityUid ancestor) =>
        child.Equals(ancestor) || _entities.IsAncestor(child, ancestor);

    private EvalResult Eval(Expr expr)
    {
        if (_depth >= MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return new EvaluationError(EvaluationErrorKind.RecursionLimit, "expression nesting is too deep to evaluate", expr.Span);
        }

        _depth++;
        var result = EvalCore(expr);
        _depth--;
        return result;
    }

    private EvalResult EvalCore(Expr expr)
    {
        switch (expr)
        {
            case LiteralExpr lit:
                return lit.Value;
            case VarExpr v:
                return v.Var switch
                {
                    Var.Principal => _principal,
                    Var.Action => _action,
                    Var.Resource => _resource,
                    _ => _context,
                };
            case SlotExpr s:
                return _slots is not null && _slots.TryGetValue(s.Slot, out var uid)
                    ? new EntityValue(uid)
                    : new EvaluationError(EvaluationErrorKind.UnlinkedSlot, "template slot `" + (s.Slot == SlotId.Principal ? "?principal" : "?resource") + "` is not linked", s.Span);
            case IfExpr i:
                return EvalIf(i);
            case AndExpr a:
                return EvalAndOr(a.Left, a.Right, isAnd: true);
            case OrExpr o:
                return EvalAndOr(o.Left, o.Right, isAnd: false);
            case UnaryExpr u:
                return EvalUnary(u);
            case BinaryExpr b:
                return EvalBinary(b);
            case ExtensionCallExpr call:
                return EvalExtensionCall(call);
            case GetAttrExpr g:
                return EvalGetAttr(g);
            case HasAttrExpr h:
                return EvalHasAttr(h);
            case LikeExpr l:
                {
                    var r = Eval(l.Target);
                    if (r.IsError)
                    {
                        return r;
                    }

                    return r.Value is StringValue s
                        ? Value.Bool(l.Pattern.Matches(s.Value))
                        : TypeErrors.Expected("string", r.Value!, l.Target.Span);
                }

            case IsExpr isExpr:
                return EvalIs(isExpr);
            case SetExpr set:
                return EvalSet(set);
            case RecordExpr rec:
                return EvalRecord(rec);
            default:
                throw new InvalidOperationException("unknown expression kind " + expr.Kind);
        }
    }

    private EvalResult EvalIf(IfExpr i)
    {
        var c = Eval(i.Condition);
        if (c.IsError)
        {
            return c;
        }

        if (c.Value is not BoolValue b)
        {
            return TypeErrors.Expected("bool", c.Value!, i.Condition.Span);
        }

        return Eval(b.Value ? i.Then : i.Else);
    }

    private EvalResult EvalAndOr(Expr left, Expr right, bool isAnd)
    {
        var l = Eval(left);
        if (l.IsError)
        {
            return l;
        }

        if (l.Value is not BoolValue lb)
        {
            return TypeErrors.Expected("bool", l.Value!, left.Span);
        }

        if (lb.Value != isAnd)
        {
            return lb;
        }

        var r = Eval(right);
        if (r.IsError)
        {
            return r;
        }

        return r.Value is BoolValue ? r : TypeErrors.Expected("bool", r.Value!, right.Span);
    }

    private EvalResult EvalUnary(UnaryExpr u)
    {
        var r = Eval(u.Operand);
        if (r.IsError)
        {
            return r;
        }

        var v = r.Value!;
        switch (u.Op)
        {
            case UnaryOp.Not:
                return v is BoolValue b ? Value.Bool(!b.Value) : TypeErrors.Expected("bool", v, u.Operand.Span);
            case UnaryOp.Neg:
                if (v is not LongValue l)
                {
                    return TypeErrors.Expected("long", v, u.Operand.Span);
                }

                return l.Value == long.MinValue
                    ? new EvaluationError(EvaluationErrorKind.IntegerOverflow, $"integer overflow while attempting to negate the value `{l.Value}`", u.Span)
                    : Value.Long(-l.Value);
            default:
                return v is SetValue s ? Value.Bool(s.Count == 0) : TypeErrors.Expected("set", v, u.Operand.Span);
        }
    }

    private EvalResult EvalBinary(BinaryExpr b)
    {
        var lr = Eval(b.Left);
        if (lr.IsError)
        {
            return lr;
        }

        var rr = Eval(b.Right);
        if (rr.IsError)
        {
            return rr;
        }

        var l = lr.Value!;
        var r = rr.Value!;
        switch (b.Op)
        {
            case BinaryOp.Eq:
                return Value.Bool(l.Equals(r));
            case BinaryOp.NotEq:
                return Value.Bool(!l.Equals(r));
            case BinaryOp.Less:
            case BinaryOp.LessEq:
            case BinaryOp.Greater:
            case BinaryOp.GreaterEq:
                return Compare(b, l, r);
            case BinaryOp.Add:
            case BinaryOp.Sub:
            case BinaryOp.Mul:
                return Arithmetic(b, l, r);
            case BinaryOp.In:
                return EvalIn(l, r, b.Left.Span, b.Right.Span);
            case BinaryOp.Contains:
                return l is SetValue set ? Value.Bool(set.Contains(r)) : TypeErrors.Expected("set", l, b.Left.Span);
            case BinaryOp.ContainsAll:
            case BinaryOp.ContainsAny:
                if (l is not SetValue ls)
                {
                    return TypeErrors.Expected("set", l, b.Left.Span);
                }

                if (r is not SetValue rs)
                {
                    return TypeErrors.Expected("set", r, b.Right.Span);
                }

                return Value.Bool(b.Op == BinaryOp.ContainsAll ? ls.ContainsAll(rs) : ls.ContainsAny(rs));
            case BinaryOp.GetTag:
            case BinaryOp.HasTag:
                return EvalTag(b, l, r);
            default:
                throw new InvalidOperationException("unknown binary operator " + b.Op);
        }
    }

    private static EvalResult Compare(BinaryExpr b, Value l, Value r)
    {
        if (!ExtensionOrdering.TryCompare(l, r, out var cmp))
        {
            return new EvaluationError(EvaluationErrorKind.TypeError, ExtensionOrdering.ComparisonTypeErrorMessage(l, r), b.Span);
        }

        return Value.Bool(b.Op switch
        {
            BinaryOp.Less => cmp < 0,
            BinaryOp.LessEq => cmp <= 0,
            BinaryOp.Greater => cmp > 0,
            _ => cmp >= 0,
        });
    }

    private static EvalResult Arithmetic(BinaryExpr b, Value l, Value r)
    {
        if (l is not LongValue ll)
        {
            return TypeErrors.Expected("long", l, b.Left.Span);
        }

        if (r is not LongValue rl)
        {
            return TypeErrors.Expected("long", r, b.Right.Span);
        }

        long result;
        bool overflow;
        switch (b.Op)
        {
            case BinaryOp.Add:
                result = unchecked(ll.Value + rl.Value);
                overflow = ((ll.Value ^ result) & (rl.Value ^ result)) < 0;
                return overflow ? TypeErrors.Overflow("add", ll.Value, rl.Value, b.Span) : Value.Long(result);
            case BinaryOp.Sub:
                result = unchecked(ll.Value - rl.Value);
                overflow = ((ll.Value ^ rl.Value) & (ll.Value ^ result)) < 0;
                return overflow ? TypeErrors.Overflow("subtract", ll.Value, rl.Value, b.Span) : Value.Long(result);
            default:
                var wide = (Int128)ll.Value * rl.Value;
                return wide < long.MinValue || wide > long.MaxValue
                    ? TypeErrors.Overflow("multiply", ll.Value, rl.Value, b.Span)
                    : Value.Long((long)wide);
        }
    }

    private EvalResult EvalIn(Value l, Value r, SourceSpan leftSpan, SourceSpan rightSpan)
    {
        if (l is not EntityValue child)
        {
            return TypeErrors.Expected(TypeErrors.AnyEntity, l, leftSpan);
        }

        if (r is EntityValue parent)
        {
            return Value.Bool(IsInEntity(child.Uid, parent.Uid));
        }

        if (r is not SetValue set)
        {
            return TypeErrors.ExpectedOneOf("set, " + TypeErrors.AnyEntity, r, rightSpan);
        }

        // Every element must be an entity, even after a match is found.
        var found = false;
        foreach (var item in set.Items)
        {
            if (item is not EntityValue e)
            {
                return TypeErrors.Expected(TypeErrors.AnyEntity, item, rightSpan);
            }

            found = found || IsInEntity(child.Uid, e.Uid);
        }

        return Value.Bool(found);
    }

    private EvalResult EvalTag(BinaryExpr b, Value l, Value r)
    {
        if (l is not EntityValue e)
        {
            return TypeErrors.Expected(TypeErrors.AnyEntity, l, b.Left.Span);
        }

        if (r is not StringValue tag)
        {
            return TypeErrors.Expected("string", r, b.Right.Span);
        }

        if (!_entities.TryGet(e.Uid, out var entity))
        {
            return b.Op == BinaryOp.HasTag ? BoolValue.False : TypeErrors.EntityDoesNotExist(e.Uid, b.Left.Span);
        }

        var present = entity.Tags.TryGetValue(tag.Value, out var tagValue);
        if (b.Op == BinaryOp.HasTag)
        {
            return Value.Bool(present);
        }

        return present ? tagValue! : TypeErrors.TagDoesNotExist(e.Uid, tag.Value, b.Span);
    }

    private EvalResult EvalExtensionCall(ExtensionCallExpr call)
    {
        if (!ExtensionFunctions.TryGet(call.FunctionName, out var function) || function is null)
        {
            return new EvaluationError(EvaluationErrorKind.UnknownExtensionFunction, "extension function `" + call.FunctionName + "` does not exist", call.Span);
        }

        var args = new Value[call.Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            var a = Eval(call.Arguments[i]);
            if (a.IsError)
            {
                return a;
            }

            args[i] = a.Value!;
        }

        if (args.Length != function.Arity)
        {
            return new EvaluationError(
                EvaluationErrorKind.WrongNumArguments,
                $"wrong number of arguments provided to extension function `{call.FunctionName}`: expected {function.Arity}, got {args.Length}",
                call.Span);
        }

        var result = function.Apply(args);
        if (result.Error is { } err && err.Span.Equals(default(SourceSpan)))
        {
            return new EvaluationError(err.Kind, err.Message, call.Span);
        }

        return result;
    }

    private EvalResult EvalGetAttr(GetAttrExpr g)
    {
        var t = Eval(g.Target);
        if (t.IsError)
        {
            return t;
        }

        switch (t.Value)
        {
            case RecordValue rec:
                return rec.TryGet(g.Attribute, out var v) ? v : TypeErrors.RecordAttrDoesNotExist(g.Attribute, g.Span);
            case EntityValue ev:
                if (!_entities.TryGet(ev.Uid, out var entity))
                {
                    return TypeErrors.EntityDoesNotExist(ev.Uid, g.Span);
                }

                return entity.Attributes.TryGetValue(g.Attribute, out var attr)
                    ? attr
                    : TypeErrors.EntityAttrDoesNotExist(ev.Uid, g.Attribute, g.Span);
            default:
                return TypeErrors.ExpectedOneOf("record, " + TypeErrors.AnyEntity, t.Value!, g.Target.Span);
        }
    }

    private EvalResult EvalHasAttr(HasAttrExpr h)
    {
        var t = Eval(h.Target);
        if (t.IsError)
        {
            return t;
        }

        var current = t.Value!;
        foreach (var name in h.Path)
        {
            Value? next;
            switch (current)
            {
                case RecordValue rec:
                    next = rec.TryGet(name, out var v) ? v : null;
                    break;
                case EntityValue ev:
                    next = _entities.TryGet(ev.Uid, out var entity) && entity.Attributes.TryGetValue(name, out var a) ? a : null;
                    break;
                default:
                    return TypeErrors.ExpectedOneOf("record, " + TypeErrors.AnyEntity, current, h.Target.Span);
            }

            if (next is null)
            {
                return BoolValue.False;
            }

            current = next;
        }

        return BoolValue.True;
    }

    private EvalResult EvalIs(IsExpr isExpr)
    {
        var t = Eval(isExpr.Target);
        if (t.IsError)
        {
            return t;
        }

        if (t.Value is not EntityValue e)
        {
            return TypeErrors.Expected(TypeErrors.AnyEntity, t.Value!, isExpr.Target.Span);
        }

        if (!e.Uid.Type.Equals(isExpr.EntityType))
        {
            return BoolValue.False;
        }

        if (isExpr.InEntity is null)
        {
            return BoolValue.True;
        }

        var r = Eval(isExpr.InEntity);
        if (r.IsError)
        {
            return r;
        }

        return EvalIn(e, r.Value!, isExpr.Target.Span, isExpr.InEntity.Span);
    }

    private EvalResult EvalSet(SetExpr set)
    {
        if (set.Elements.Count == 0)
        {
            return SetValue.Empty;
        }

        var items = new Value[set.Elements.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var r = Eval(set.Elements[i]);
            if (r.IsError)
            {
                return r;
            }

            items[i] = r.Value!;
        }

        return SetValue.Of(items);
    }

    private EvalResult EvalRecord(RecordExpr rec)
    {
        if (rec.Attributes.Count == 0)
        {
            return RecordValue.Empty;
        }

        var attrs = new KeyValuePair<string, Value>[rec.Attributes.Count];
        for (var i = 0; i < attrs.Length; i++)
        {
            var kv = rec.Attributes[i];
            var r = Eval(kv.Value);
            if (r.IsError)
            {
                return r;
            }

            attrs[i] = new KeyValuePair<string, Value>(kv.Key, r.Value!);
        }

        return RecordValue.Of(attrs);
    }
}
