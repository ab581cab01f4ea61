using System.Text.Json;
using Verdict.VerifiedPermissions.Authorization;
using Verdict.VerifiedPermissions.Common;

namespace Verdict.VerifiedPermissions.IdentitySources;

public sealed record IsAuthorizedWithTokenInput(
    string PolicyStoreId,
    string? IdentityToken,
    string? AccessToken,
    ActionIdentifier? Action,
    EntityIdentifier? Resource,
    JsonElement? Context,
    JsonElement? Entities);

public sealed record IsAuthorizedWithTokenOutput(
    string Decision,
    IReadOnlyList<DeterminingPolicyItem> DeterminingPolicies,
    IReadOnlyList<EvaluationErrorItem> Errors,
    EntityIdentifier Principal);

public sealed record BatchIsAuthorizedWithTokenInputItem(ActionIdentifier? Action, EntityIdentifier? Resource, JsonElement? Context);

public sealed record BatchIsAuthorizedWithTokenInput(
    string PolicyStoreId,
    string? IdentityToken,
    string? AccessToken,
    JsonElement? Entities,
    IReadOnlyList<BatchIsAuthorizedWithTokenInputItem> Requests);

/// <param name="Request">The request item as it was sent.</param>
public sealed record BatchIsAuthorizedWithTokenOutputItem(
    JsonElement Request, string Decision, IReadOnlyList<DeterminingPolicyItem> DeterminingPolicies, IReadOnlyList<EvaluationErrorItem> Errors);

public sealed record BatchIsAuthorizedWithTokenOutput(EntityIdentifier Principal, IReadOnlyList<BatchIsAuthorizedWithTokenOutputItem> Results);
