using System.Text.Json.Nodes;
using Verdict.CognitoIdentity.Common;
using Verdict.CognitoIdentity.Identities;
using Verdict.CognitoIdentity.Storage;
using Verdict.Protocol;

namespace Verdict.CognitoIdentity.Roles;

/// <summary>
/// Which IAM role GetCredentialsForIdentity hands out, as AWS decides it: the unauthenticated role for an identity
/// without logins; otherwise the first login whose provider has a role mapping decides (Token: the token's
/// <c>cognito:preferred_role</c>, or the CustomRoleArn among its <c>cognito:roles</c>; Rules: the first matching rule),
/// an ambiguous outcome falls back to the authenticated role or is denied, and with no mapping the authenticated role
/// applies. No role at all is InvalidIdentityPoolConfigurationException.
/// </summary>
internal static class RoleResolver
{
    public const string RolesKey = "Roles";
    public const string RoleMappingsKey = "RoleMappings";

    public static (string? RoleArn, AwsError? Error) Resolve(IdentityPoolRecord pool, IReadOnlyList<VerifiedLogin> logins, string? customRoleArn)
    {
        var roles = pool.Config[RolesKey] as JsonObject ?? [];
        if (logins.Count == 0)
        {
            return Chosen(roles["unauthenticated"]?.GetValue<string>(), customRoleArn);
        }

        var mappings = pool.Config[RoleMappingsKey] as JsonObject ?? [];
        foreach (var login in logins)
        {
            if (mappings[login.RoleMappingKey] is not JsonObject mapping)
            {
                continue;
            }

            var candidate = mapping["Type"]?.GetValue<string>() == "Token"
                ? FromToken(login.Claims, customRoleArn)
                : FromRules(mapping, login.Claims);
            if (candidate.Error is not null)
            {
                return candidate;
            }

            if (candidate.RoleArn is not null)
            {
                return candidate;
            }

            return mapping["AmbiguousRoleResolution"]?.GetValue<string>() == "AuthenticatedRole"
                ? Chosen(roles["authenticated"]?.GetValue<string>(), customRoleArn)
                : (null, IdentityErrors.InvalidIdentityPoolConfiguration());
        }

        return Chosen(roles["authenticated"]?.GetValue<string>(), customRoleArn);
    }

    /// <summary>Token mapping: CustomRoleArn when the token lists it, else the preferred role, else the only role; null when ambiguous.</summary>
    private static (string? RoleArn, AwsError? Error) FromToken(JsonObject claims, string? customRoleArn)
    {
        var tokenRoles = claims.Values("cognito:roles");
        if (customRoleArn is not null)
        {
            return tokenRoles.Contains(customRoleArn, StringComparer.Ordinal)
                ? (customRoleArn, null)
                : (null, IdentityErrors.NotAuthorized("The ambiguous role mapping rules for this identity pool do not allow the role provided in CustomRoleArn."));
        }

        if (claims.Text("cognito:preferred_role") is { } preferred)
        {
            return (preferred, null);
        }

        return (tokenRoles.Count == 1 ? tokenRoles[0] : null, null);
    }

    private static (string? RoleArn, AwsError? Error) FromRules(JsonObject mapping, JsonObject claims)
    {
        var rules = mapping["RulesConfiguration"]?["Rules"] as JsonArray ?? [];
        foreach (var rule in rules.OfType<JsonObject>())
        {
            var values = claims.Values(rule["Claim"]!.GetValue<string>());
            var expected = rule["Value"]!.GetValue<string>();
            var matches = rule["MatchType"]!.GetValue<string>() switch
            {
                "Equals" => values.Contains(expected, StringComparer.Ordinal),
                "Contains" => values.Any(v => v.Contains(expected, StringComparison.Ordinal)),
                "StartsWith" => values.Any(v => v.StartsWith(expected, StringComparison.Ordinal)),
                "NotEqual" => values.Count > 0 && !values.Contains(expected, StringComparer.Ordinal),
                _ => false,
            };
            if (matches)
            {
                return (rule["RoleARN"]!.GetValue<string>(), null);
            }
        }

        return (null, null);
    }

    /// <summary>The pool's own role; a CustomRoleArn only selects among roles a token offers, so here it must name this role.</summary>
    private static (string? RoleArn, AwsError? Error) Chosen(string? role, string? customRoleArn)
    {
        if (role is null)
        {
            return (null, IdentityErrors.InvalidIdentityPoolConfiguration());
        }

        return customRoleArn is not null && customRoleArn != role
            ? (null, IdentityErrors.NotAuthorized("The role provided in CustomRoleArn is not a role this identity can assume."))
            : (role, null);
    }
}
