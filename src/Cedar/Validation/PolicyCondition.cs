using Cedar.Ast;
using Cedar.Values;

namespace Cedar.Validation;

/// <summary>
/// A policy as the single boolean expression Cedar type checks: <c>((principal &amp;&amp; action) &amp;&amp; resource) &amp;&amp; conditions</c>,
/// with <c>unless { c }</c> as <c>!c</c> and several conditions joined left to right.
/// </summary>
internal static class PolicyCondition
{
    public static Expr Build(Policy policy)
    {
        var span = policy.Span;
        Expr scope = new AndExpr(
            new AndExpr(Principal(policy.Principal, Var.Principal), Action(policy.Action)) { Span = span },
            Principal(policy.Resource, Var.Resource)) { Span = span };
        Expr? body = null;
        foreach (var c in policy.Conditions)
        {
            var term = c.IsWhen ? c.Body : new UnaryExpr(UnaryOp.Not, c.Body) { Span = c.Span };
            body = body is null ? term : new AndExpr(body, term) { Span = span };
        }

        return body is null ? scope : new AndExpr(scope, body) { Span = span };
    }

    private static Expr Principal(ScopeConstraint constraint, Var var)
    {
        var span = constraint.Span;
        var variable = new VarExpr(var) { Span = span };
        return constraint.Op switch
        {
            ScopeOp.Any => new LiteralExpr(Value.Bool(true)) { Span = span },
            ScopeOp.Eq => new BinaryExpr(BinaryOp.Eq, variable, Reference(constraint.Entity!, span)) { Span = span },
            ScopeOp.In => new BinaryExpr(BinaryOp.In, variable, Reference(constraint.Entity!, span)) { Span = span },
            ScopeOp.Is => new IsExpr(variable, constraint.EntityType!, null) { Span = span },
            _ => new IsExpr(variable, constraint.EntityType!, Reference(constraint.Entity!, span)) { Span = span },
        };
    }

    private static Expr Reference(EntityReference reference, SourceSpan span) =>
        reference.Uid is { } uid ? new LiteralExpr(Value.Entity(uid)) { Span = span } : new SlotExpr(reference.Slot!.Value) { Span = span };

    private static Expr Action(ActionConstraint constraint)
    {
        var span = constraint.Span;
        var variable = new VarExpr(Var.Action) { Span = span };
        return constraint.Op switch
        {
            ActionScopeOp.Any => new LiteralExpr(Value.Bool(true)) { Span = span },
            ActionScopeOp.Eq => new BinaryExpr(BinaryOp.Eq, variable, new LiteralExpr(Value.Entity(constraint.Entities[0])) { Span = span }) { Span = span },
            _ => new BinaryExpr(
                BinaryOp.In,
                variable,
                new SetExpr(constraint.Entities.Select(u => (Expr)new LiteralExpr(Value.Entity(u)) { Span = span }).ToList()) { Span = span }) { Span = span },
        };
    }
}
