using Cedar.Ast;

namespace Cedar.Validation;

/// <summary>One validation finding: the policy it concerns, where, what kind and Cedar's wording where known.</summary>
public sealed record ValidationIssue(string PolicyId, SourceSpan Span, string Kind, string Message);

/// <summary>Errors make a policy set invalid; warnings do not (Cedar 4.13 reports inapplicable actions as warnings).</summary>
public sealed class ValidationResult(IReadOnlyList<ValidationIssue> errors, IReadOnlyList<ValidationIssue> warnings)
{
    public IReadOnlyList<ValidationIssue> Errors { get; } = errors;

    public IReadOnlyList<ValidationIssue> Warnings { get; } = warnings;

    public bool IsValid => Errors.Count == 0;
}
