using Cedar.Ast;
using Cedar.Entities;
using Cedar.Evaluation;
using Cedar.Values;

namespace Cedar.Authorization;

/// <summary>
/// Cedar's authorization algorithm: a satisfied forbid denies; otherwise a satisfied permit allows; otherwise deny.
/// A policy whose evaluation errors is skipped and reported in <see cref="Response.Errors"/>.
/// </summary>
public static class Authorizer
{
    public static Response IsAuthorized(Request request, CompiledPolicySet policies, EntityStore entities)
    {
        var evaluator = new Evaluator(request, entities);
        List<string>? permits = null;
        List<string>? forbids = null;
        List<AuthorizationError>? errors = null;
        foreach (var index in policies.Candidates(request, entities))
        {
            var policy = policies[index];
            var outcome = Evaluate(policy, request, evaluator);
            if (outcome.IsError)
            {
                (errors ??= []).Add(new AuthorizationError(policy.Id, outcome.Error!.Message));
            }
            else if (outcome.Value == BoolValue.True)
            {
                if (policy.Effect == Effect.Forbid)
                {
                    (forbids ??= []).Add(policy.Id);
                }
                else
                {
                    (permits ??= []).Add(policy.Id);
                }
            }
        }

        IReadOnlyList<AuthorizationError> errorList = errors ?? (IReadOnlyList<AuthorizationError>)[];
        if (forbids is not null)
        {
            return new Response(Decision.Deny, forbids, errorList);
        }

        return permits is not null
            ? new Response(Decision.Allow, permits, errorList)
            : new Response(Decision.Deny, [], errorList);
    }

    /// <summary>Whether one policy is satisfied by the request: true, false, or an evaluation error.</summary>
    public static EvalResult Evaluate(CompiledPolicy policy, Request request, Evaluator evaluator)
    {
        if (!ScopeMatches(policy, request, evaluator))
        {
            return BoolValue.False;
        }

        foreach (var condition in policy.Body.Conditions)
        {
            var r = evaluator.Evaluate(condition.Body, policy.Slots);
            if (r.IsError)
            {
                return r;
            }

            if (r.Value is not BoolValue b)
            {
                return TypeErrors.Expected("bool", r.Value!, condition.Body.Span);
            }

            if (b.Value != condition.IsWhen)
            {
                return BoolValue.False;
            }
        }

        return BoolValue.True;
    }

    private static bool ScopeMatches(CompiledPolicy policy, Request request, Evaluator evaluator)
    {
        var body = policy.Body;
        if (!EntityScopeMatches(body.Principal, policy.PrincipalUid, request.Principal, evaluator))
        {
            return false;
        }

        switch (body.Action.Op)
        {
            case ActionScopeOp.Eq:
                if (!body.Action.Entities[0].Equals(request.Action))
                {
                    return false;
                }

                break;
            case ActionScopeOp.In:
                var any = false;
                foreach (var a in body.Action.Entities)
                {
                    if (evaluator.IsInEntity(request.Action, a))
                    {
                        any = true;
                        break;
                    }
                }

                if (!any)
                {
                    return false;
                }

                break;
        }

        return EntityScopeMatches(body.Resource, policy.ResourceUid, request.Resource, evaluator);
    }

    private static bool EntityScopeMatches(ScopeConstraint scope, EntityUid? uid, EntityUid actual, Evaluator evaluator) =>
        scope.Op switch
        {
            ScopeOp.Any => true,
            ScopeOp.Eq => actual.Equals(uid),
            ScopeOp.In => evaluator.IsInEntity(actual, uid!),
            ScopeOp.Is => actual.Type.Equals(scope.EntityType),
            _ => actual.Type.Equals(scope.EntityType) && evaluator.IsInEntity(actual, uid!),
        };
}
