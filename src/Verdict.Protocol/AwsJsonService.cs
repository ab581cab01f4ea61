using System.Collections.Frozen;
using Verdict.Protocol.Validation;

namespace Verdict.Protocol;

/// <summary>
/// One AWS JSON service on the shared endpoint: its <c>X-Amz-Target</c> prefix (for example <c>VerifiedPermissions</c>),
/// its JSON version (1.0 or 1.1), its operation handlers, the model its inputs are checked against, and how it words a
/// failed input check (AVP: ValidationException with fieldList; Cognito: InvalidParameterException).
/// </summary>
public sealed class AwsJsonService
{
    public AwsJsonService(
        string targetPrefix,
        string jsonVersion,
        IReadOnlyDictionary<string, OperationHandler> operations,
        ServiceModel? model,
        Func<InputCheck, AwsError> validationError)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetPrefix);
        TargetPrefix = targetPrefix;
        ContentType = "application/x-amz-json-" + jsonVersion;
        Operations = operations.ToFrozenDictionary(StringComparer.Ordinal);
        Model = model;
        ValidationError = validationError;
    }

    public string TargetPrefix { get; }

    public string ContentType { get; }

    public FrozenDictionary<string, OperationHandler> Operations { get; }

    public ServiceModel? Model { get; }

    public Func<InputCheck, AwsError> ValidationError { get; }

    /// <summary>Operations AWS serves without a signature (the model's <c>smithy.api#noAuth</c>); the rest must be signed.</summary>
    public IReadOnlySet<string> AnonymousOperations { get; init; } = new HashSet<string>();

    /// <summary>
    /// Operations that accept a caller signing with identity-pool credentials (an end user, not a developer); every
    /// other operation refuses such a caller with AccessDeniedException. Empty by default: nothing is open to them.
    /// </summary>
    public IReadOnlySet<string> FederatedOperations { get; init; } = new HashSet<string>();

    /// <summary>The service's IAM action prefix (<c>verifiedpermissions</c>), named when a federated caller is refused.</summary>
    public string? ActionPrefix { get; init; }
}
