using Cedar.Ast;
using Cedar.Schema;
using Cedar.Validation;

namespace Verdict.VerifiedPermissions.Common;

/// <summary>
/// Cedar's strict validator. Verified Permissions runs Cedar 4.5, which reports a scope that allows no action
/// (InvalidActionApplication) as an error, as AVP documents; newer Cedar makes it a warning.
/// </summary>
public sealed class CedarStrictPolicyValidator : IStrictPolicyValidator
{
    private static readonly ValidationOptions s_options = new(InvalidActionApplicationIsError: true);

    public IReadOnlyList<StrictValidationIssue> Validate(Policy policyOrTemplate, ValidatorSchema schema) =>
        [.. Validator.Validate(new[] { policyOrTemplate }, schema, s_options).Errors.Select(e => new StrictValidationIssue(e.Kind, e.Message, e.Span))];

    public IReadOnlyList<StrictValidationIssue> Validate(PolicySet policySet, ValidatorSchema schema) =>
        [.. Validator.Validate(policySet, schema, s_options).Errors.Select(e => new StrictValidationIssue(e.Kind, e.Message, e.Span))];
}
