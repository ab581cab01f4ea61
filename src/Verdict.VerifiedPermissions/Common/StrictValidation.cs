using Cedar.Ast;
using Cedar.Schema;
using Verdict.Protocol;
using Verdict.Protocol.Validation;
using Verdict.Storage;
using Verdict.VerifiedPermissions.Schemas;

namespace Verdict.VerifiedPermissions.Common;

/// <summary>One finding of strict validation: Cedar's kind (e.g. <c>UnrecognizedEntityType</c>) and its message.</summary>
public sealed record StrictValidationIssue(string Kind, string Message, SourceSpan Span);

/// <summary>Cedar's strict validator as the service uses it.</summary>
public interface IStrictPolicyValidator
{
    /// <summary>Why strict validation can't run in this build, or null when it can.</summary>
    string? Unavailable { get; }

    IReadOnlyList<StrictValidationIssue> Validate(Policy policyOrTemplate, ValidatorSchema schema);
}

/// <summary>
/// The validation mode of a store applied to a new or changed policy or template: OFF accepts what parses; STRICT
/// needs a schema and a policy that validates against it.
/// </summary>
public sealed class PolicyValidation(IVerdictStorage storage, IStrictPolicyValidator validator)
{
    public async ValueTask<AwsError?> CheckAsync(PolicyStoreRecord store, Policy policyOrTemplate, string statement, string path, CancellationToken cancellationToken)
    {
        if (store.ValidationMode != "STRICT")
        {
            return null;
        }

        var stored = await storage.Policies.GetSchemaAsync(store.Tenant, store.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return VerifiedPermissionsErrors.InvalidField(
                path, "The policy store uses STRICT validation but has no schema: every policy and template is rejected until a schema is put.");
        }

        if (validator.Unavailable is { } why)
        {
            return VerifiedPermissionsErrors.InvalidField(path, why);
        }

        if (SchemaCompiler.TryCompile(stored.SchemaJson, out var schema) is not null)
        {
            return VerifiedPermissionsErrors.InvalidField(path, "The policy store's schema can't be resolved, so STRICT validation can't run.");
        }

        var issues = validator.Validate(policyOrTemplate, schema.Resolved);
        if (issues.Count == 0)
        {
            return null;
        }

        var fields = issues.Select(i => new FieldViolation(path, $"{LineColumn.Of(statement, i.Span.Start)}: {i.Kind}: {i.Message}")).ToList();
        return VerifiedPermissionsErrors.ValidationFields(
            "The policy failed validation against the schema: " + string.Join("; ", fields.Select(f => f.Message)), fields);
    }
}
