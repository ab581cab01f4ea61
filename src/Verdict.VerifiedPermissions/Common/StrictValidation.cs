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
    IReadOnlyList<StrictValidationIssue> Validate(Policy policyOrTemplate, ValidatorSchema schema);

    /// <summary>Validates a policy set with its template links (the linked entities' types and the linked scopes).</summary>
    IReadOnlyList<StrictValidationIssue> Validate(PolicySet policySet, ValidatorSchema schema);
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

        var (schema, unavailable) = await StrictSchemaAsync(store, path, cancellationToken).ConfigureAwait(false);
        return unavailable ?? Refusal(validator.Validate(policyOrTemplate, schema!), statement, path);
    }

    /// <summary>
    /// A template-linked policy in a STRICT store: the template with this link must validate, so that the linked
    /// entities have types the schema declares and the linked scope still applies to some action.
    /// </summary>
    public async ValueTask<AwsError?> CheckLinkAsync(
        PolicyStoreRecord store, PolicyTemplateRecord template, string linkId, EntityIdentifier? principal, EntityIdentifier? resource, string path, CancellationToken cancellationToken)
    {
        if (store.ValidationMode != "STRICT")
        {
            return null;
        }

        var (schema, unavailable) = await StrictSchemaAsync(store, path, cancellationToken).ConfigureAwait(false);
        if (unavailable is not null)
        {
            return unavailable;
        }

        if (PolicyStatements.TryParseTemplate(template.Statement, path, template.PolicyTemplateId, out var parsed) is { } unparsable)
        {
            return unparsable;
        }

        var values = new Dictionary<SlotId, EntityUid>();
        if (principal is not null)
        {
            values[SlotId.Principal] = new EntityUid(principal.EntityType, principal.EntityId);
        }

        if (resource is not null)
        {
            values[SlotId.Resource] = new EntityUid(resource.EntityType, resource.EntityId);
        }

        var set = PolicySet.Create([parsed], [new TemplateLink(linkId, template.PolicyTemplateId, values)]);
        if (!set.Success)
        {
            return VerifiedPermissionsErrors.InvalidField(path, set.Errors[0].Message);
        }

        return Refusal(validator.Validate(set.Value!, schema!), template.Statement, path);
    }

    private async ValueTask<(ValidatorSchema? Schema, AwsError? Unavailable)> StrictSchemaAsync(PolicyStoreRecord store, string path, CancellationToken cancellationToken)
    {
        var stored = await storage.Policies.GetSchemaAsync(store.Tenant, store.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return (null, VerifiedPermissionsErrors.InvalidField(
                path, "The policy store uses STRICT validation but has no schema: every policy and template is rejected until a schema is put."));
        }

        if (SchemaCompiler.TryCompile(stored.SchemaJson, out var schema) is not null)
        {
            return (null, VerifiedPermissionsErrors.InvalidField(path, "The policy store's schema can't be resolved, so STRICT validation can't run."));
        }

        return (schema.Resolved, null);
    }

    private static AwsError? Refusal(IReadOnlyList<StrictValidationIssue> issues, string statement, string path)
    {
        if (issues.Count == 0)
        {
            return null;
        }

        var fields = issues.Select(i => new FieldViolation(path, $"{LineColumn.Of(statement, i.Span.Start)}: {i.Kind}: {i.Message}")).ToList();
        return VerifiedPermissionsErrors.ValidationFields(
            "The policy failed validation against the schema: " + string.Join("; ", fields.Select(f => f.Message)), fields);
    }
}
