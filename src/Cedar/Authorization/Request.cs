using Cedar.Ast;
using Cedar.Values;

namespace Cedar.Authorization;

/// <summary>An authorization request: who (principal) wants to do what (action) to what (resource), in which context.</summary>
public sealed class Request(EntityUid principal, EntityUid action, EntityUid resource, RecordValue? context = null)
{
    public EntityUid Principal { get; } = principal;

    public EntityUid Action { get; } = action;

    public EntityUid Resource { get; } = resource;

    public RecordValue Context { get; } = context ?? RecordValue.Empty;
}

public enum Decision
{
    Allow,
    Deny,
}

/// <summary>An error raised by one policy during authorization; the policy was skipped.</summary>
public sealed record AuthorizationError(string PolicyId, string Message);

/// <summary>The answer: decision, the policies that determined it, and the policies that errored.</summary>
public sealed record Response(Decision Decision, IReadOnlyList<string> DeterminingPolicies, IReadOnlyList<AuthorizationError> Errors);
