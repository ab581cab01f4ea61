using System.Text.Json;
using Verdict.VerifiedPermissions.Common;

namespace Verdict.VerifiedPermissions.Authorization;

/// <summary>IsAuthorized's input. Entities and context stay JSON: their AttributeValue unions are read by <see cref="AvpEntities"/>.</summary>
public sealed record IsAuthorizedInput(
    string PolicyStoreId,
    EntityIdentifier? Principal,
    ActionIdentifier? Action,
    EntityIdentifier? Resource,
    JsonElement? Context,
    JsonElement? Entities);

public sealed record DeterminingPolicyItem(string PolicyId);

public sealed record EvaluationErrorItem(string ErrorDescription);

public sealed record IsAuthorizedOutput(string Decision, IReadOnlyList<DeterminingPolicyItem> DeterminingPolicies, IReadOnlyList<EvaluationErrorItem> Errors);

public sealed record BatchIsAuthorizedInputItem(EntityIdentifier? Principal, ActionIdentifier? Action, EntityIdentifier? Resource, JsonElement? Context);

public sealed record BatchIsAuthorizedInput(string PolicyStoreId, JsonElement? Entities, IReadOnlyList<BatchIsAuthorizedInputItem> Requests);

/// <param name="Request">The request item as it was sent.</param>
public sealed record BatchIsAuthorizedOutputItem(
    JsonElement Request, string Decision, IReadOnlyList<DeterminingPolicyItem> DeterminingPolicies, IReadOnlyList<EvaluationErrorItem> Errors);

public sealed record BatchIsAuthorizedOutput(IReadOnlyList<BatchIsAuthorizedOutputItem> Results);
