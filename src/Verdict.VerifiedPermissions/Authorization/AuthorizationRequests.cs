using System.Text.Json;
using Cedar.Ast;
using Cedar.Authorization;
using Cedar.Json;
using Cedar.Schema;
using Verdict.Protocol;
using Verdict.Protocol.Validation;
using Verdict.VerifiedPermissions.Common;
using CedarRequest = Cedar.Authorization.Request;

namespace Verdict.VerifiedPermissions.Authorization;

/// <summary>
/// Turns one IsAuthorized request (principal, action, resource, context) into a Cedar request and, when the store has a
/// schema, validates it as Cedar's request validation does.
/// </summary>
/// <remarks>
/// The model makes principal, action and resource optional. Cedar 3 evaluated a missing one as an "unspecified"
/// entity; Cedar 4 dropped unspecified entities (RFC 55), and its schemas can no longer declare an action that applies
/// to an unspecified principal or resource (an <c>appliesTo</c> without <c>principalTypes</c> is a parse error). So:
/// <list type="bullet">
/// <item>Without a schema, a missing member is evaluated as Cedar 3 did: a placeholder entity with no attributes and no
/// ancestors, equal to nothing a policy can name (its type is under the reserved <c>__cedar</c> namespace, which
/// neither policies nor entity data may use). Unscoped policies match it; <c>==</c>, <c>in</c> and <c>is</c> on it are
/// false; reading its attributes is an evaluation error.</item>
/// <item>With a schema, a request without one of them can't be valid, so it is a ValidationException.</item>
/// </list>
/// </remarks>
public static class AuthorizationRequests
{
    private static readonly Name s_unspecifiedType = Name.FromFullName("__cedar::Unspecified");

    /// <summary>The placeholder for a principal, action or resource the request leaves out (schema-less stores only).</summary>
    public static EntityUid Unspecified(string member) => new(s_unspecifiedType, member);

    public static AwsError? TryRead(
        EntityIdentifier? principal, ActionIdentifier? action, EntityIdentifier? resource, JsonElement? context, ValidatorSchema? schema,
        string pathPrefix, out CedarRequest request)
    {
        request = null!;
        foreach (var (given, member) in new (bool, string)[] { (principal is not null, "principal"), (action is not null, "action"), (resource is not null, "resource") })
        {
            if (!given && schema is not null)
            {
                return VerifiedPermissionsErrors.InvalidField(
                    pathPrefix + member,
                    $"The request has no {member}. The policy store has a schema, and a schema can't declare an action for an unspecified {member}, so the request must give its {member}.");
            }
        }

        foreach (var (type, path) in new[] { (principal?.EntityType, "principal.entityType"), (action?.ActionType, "action.actionType"), (resource?.EntityType, "resource.entityType") })
        {
            if (type is not null && PolicyStatements.CheckEntityType(type, pathPrefix + path) is { } badType)
            {
                return badType;
            }
        }

        var principalUid = principal is null ? Unspecified("principal") : new EntityUid(Name.FromFullName(principal.EntityType), principal.EntityId);
        var actionUid = action is null ? Unspecified("action") : new EntityUid(Name.FromFullName(action.ActionType), action.ActionId);
        var resourceUid = resource is null ? Unspecified("resource") : new EntityUid(Name.FromFullName(resource.EntityType), resource.EntityId);
        if (schema is not null && CheckDeclared(schema, principalUid, actionUid, resourceUid, pathPrefix) is { } undeclared)
        {
            return undeclared;
        }

        if (!AvpEntities.TryReadContext(context, out var contextJson, out var invalid))
        {
            return VerifiedPermissionsErrors.InvalidField(pathPrefix + "context", "The context is not valid: " + invalid);
        }

        var parsedContext = EntityJson.ParseContext(contextJson, schema, schema is null ? null : actionUid);
        if (!parsedContext.Success)
        {
            return VerifiedPermissionsErrors.InvalidField(
                pathPrefix + "context", "The context is not valid: " + string.Join("; ", parsedContext.Errors.Select(e => e.Message)));
        }

        var built = new CedarRequest(principalUid, actionUid, resourceUid, parsedContext.Value);
        if (schema is not null)
        {
            var problems = RequestValidator.Validate(built, schema);
            if (problems.Count > 0)
            {
                var fields = problems.Select(p => new FieldViolation(pathPrefix + FieldOf(p, built), Explain(p, schema, actionUid))).ToList();
                return VerifiedPermissionsErrors.ValidationFields(
                    "The request is not valid for the policy store's schema: " + string.Join("; ", fields.Select(f => f.Message)), fields);
            }
        }

        request = built;
        return null;
    }

    /// <summary>The checks Cedar makes before the appliesTo check: the action and the principal and resource types exist.</summary>
    private static AwsError? CheckDeclared(ValidatorSchema schema, EntityUid principal, EntityUid action, EntityUid resource, string pathPrefix)
    {
        if (!schema.Actions.ContainsKey(action))
        {
            return VerifiedPermissionsErrors.InvalidField(pathPrefix + "action", $"action `{action}` does not exist in the supplied schema");
        }

        foreach (var (uid, member) in new[] { (principal, "principal"), (resource, "resource") })
        {
            if (!schema.EntityTypes.ContainsKey(uid.Type))
            {
                return VerifiedPermissionsErrors.InvalidField(pathPrefix + member, $"{member} type `{uid.Type}` is not declared in the schema");
            }
        }

        return null;
    }

    /// <summary>The request member a validation problem is about (Cedar's messages start with it, or name the entity).</summary>
    private static string FieldOf(string problem, CedarRequest request) =>
        problem.StartsWith("principal", StringComparison.Ordinal) ? "principal"
        : problem.StartsWith("resource", StringComparison.Ordinal) ? "resource"
        : problem.StartsWith("context", StringComparison.Ordinal) ? "context"
        : problem.StartsWith("entity `" + request.Principal + "`", StringComparison.Ordinal) ? "principal"
        : problem.StartsWith("entity `" + request.Resource + "`", StringComparison.Ordinal) ? "resource"
        : "action";

    /// <summary>Cedar's message, with the valid types named as Cedar's help text names them.</summary>
    private static string Explain(string problem, ValidatorSchema schema, EntityUid action)
    {
        var definition = schema.Actions[action];
        if (problem.StartsWith("principal type", StringComparison.Ordinal))
        {
            return problem + "; " + ValidTypes("principal", definition.PrincipalTypes, action);
        }

        return problem.StartsWith("resource type", StringComparison.Ordinal) ? problem + "; " + ValidTypes("resource", definition.ResourceTypes, action) : problem;
    }

    private static string ValidTypes(string member, IReadOnlyList<Name> types, EntityUid action) => types.Count == 0
        ? $"`{action}` applies to no {member} type"
        : $"valid {member} types for `{action}`: " + string.Join(", ", types.Select(t => "`" + t + "`"));
}
