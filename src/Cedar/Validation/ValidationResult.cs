using Cedar.Ast;

namespace Cedar.Validation;

/// <summary>How strictly policies are checked. Only Cedar's strict mode is implemented (the one Verified Permissions uses).</summary>
public enum ValidationMode
{
    Strict,
}

/// <summary>
/// One validation finding. <see cref="Kind"/> is Cedar's name for the finding (e.g. <c>UnexpectedType</c>,
/// <c>UnrecognizedEntityType</c>, <c>ImpossiblePolicy</c>); <see cref="Span"/> points into the policy text.
/// </summary>
public sealed record ValidationIssue(string PolicyId, string Kind, string Message, SourceSpan Span);

/// <summary>The outcome of validating a policy set: errors make it invalid, warnings do not.</summary>
public sealed record ValidationResult(IReadOnlyList<ValidationIssue> Errors, IReadOnlyList<ValidationIssue> Warnings)
{
    public bool IsValid => Errors.Count == 0;
}

/// <param name="InvalidActionApplicationIsError">
/// Cedar 4.13 reports "unable to find an applicable action given the policy scope constraints" as a warning;
/// Cedar 4.12 and earlier reported it as an error. True gives the older behaviour.
/// </param>
public sealed record ValidationOptions(bool InvalidActionApplicationIsError = false);
