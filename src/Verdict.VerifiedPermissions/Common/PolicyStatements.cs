using System.Text;
using Cedar.Ast;
using Cedar.Parsing;
using Verdict.Protocol;
using Verdict.Protocol.Validation;

namespace Verdict.VerifiedPermissions.Common;

/// <summary>
/// Reads policy and template statements: the size quota, Cedar syntax (every error with its line and column), and
/// the AVP rules on placeholders. Syntax is checked in every validation mode.
/// </summary>
public static class PolicyStatements
{
    public static AwsError? TryParseStatic(string statement, string path, string id, out Policy policy)
    {
        if (TryParse(statement, path, id, ResourceTypes.Policy, out policy) is { } error)
        {
            return error;
        }

        return policy.IsTemplate
            ? VerifiedPermissionsErrors.InvalidField(path, "A static policy can't contain the placeholders ?principal or ?resource; create a policy template instead.")
            : null;
    }

    public static AwsError? TryParseTemplate(string statement, string path, string id, out Policy template)
    {
        if (TryParse(statement, path, id, ResourceTypes.PolicyTemplate, out template) is { } error)
        {
            return error;
        }

        return template.IsTemplate
            ? null
            : VerifiedPermissionsErrors.InvalidField(path, "A policy template must contain a placeholder: ?principal, ?resource, or both.");
    }

    private static AwsError? TryParse(string statement, string path, string id, string resourceType, out Policy policy)
    {
        policy = null!;
        if (Encoding.UTF8.GetByteCount(statement) > Quotas.PolicySizeBytes)
        {
            return VerifiedPermissionsErrors.QuotaExceeded(
                $"The statement is larger than the maximum policy size of {Quotas.PolicySizeBytes} bytes.", resourceType, quotaCode: "PolicySize");
        }

        var parsed = PolicyParser.ParsePolicy(statement, id);
        if (!parsed.Success)
        {
            var fields = parsed.Errors.Select(e => new FieldViolation(path, e.Format(statement))).ToList();
            return VerifiedPermissionsErrors.ValidationFields("The policy statement is not valid Cedar: " + string.Join("; ", fields.Select(f => f.Message)), fields);
        }

        policy = parsed.Value!;
        return null;
    }

    /// <summary>Checks an entity identifier given in the input: its type must be a Cedar name.</summary>
    public static AwsError? CheckEntityType(string entityType, string path)
    {
        var parsed = PolicyParser.ParseName(entityType);
        return parsed.Success && parsed.Value!.FullName == entityType
            ? null
            : VerifiedPermissionsErrors.InvalidField(path, $"'{entityType}' is not a valid Cedar entity type.");
    }

    /// <summary>A <c>name/…</c> name given to a policy or template: null (none), "" (remove, on update) or prefixed.</summary>
    public static AwsError? CheckName(string? name, string path) =>
        string.IsNullOrEmpty(name) || (name.StartsWith("name/", StringComparison.Ordinal) && name.Length > "name/".Length)
            ? null
            : VerifiedPermissionsErrors.InvalidField(path, $"Value '{name}' at '{path}' failed to satisfy constraint: The name must start with 'name/'.");
}
