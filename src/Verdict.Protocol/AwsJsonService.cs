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
}
