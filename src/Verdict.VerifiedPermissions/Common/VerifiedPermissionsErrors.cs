using System.Text.Json;
using Verdict.Protocol;
using Verdict.Protocol.Validation;

namespace Verdict.VerifiedPermissions.Common;

/// <summary>
/// The service's modelled errors with their fields. The botocore model gives no HTTP statuses; these are the
/// <c>httpError</c> codes of the service's Smithy model as the JS SDK v3 carries them (its error schemas): AccessDenied
/// 403, Conflict 409, InternalServer 500, InvalidState 406, ResourceNotFound 404, ServiceQuotaExceeded 402,
/// Throttling 429, TooManyTags 400, and Validation (no code: a client error, 400).
/// </summary>
public static class VerifiedPermissionsErrors
{
    public const string Validation = "ValidationException";
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string Conflict = "ConflictException";
    public const string ServiceQuotaExceeded = "ServiceQuotaExceededException";
    public const string InvalidState = "InvalidStateException";
    public const string TooManyTags = "TooManyTagsException";
    public const string AccessDenied = "AccessDeniedException";
    public const string Throttling = "ThrottlingException";

    /// <summary>The answer to an input that breaks the model's constraints: the summary line plus one fieldList entry per violation.</summary>
    public static AwsError FromInputCheck(InputCheck check) =>
        ValidationFields(check.Summary(), check.ConstraintViolations);

    /// <summary>A ValidationException naming one field.</summary>
    public static AwsError InvalidField(string path, string message) =>
        ValidationFields(message, [new FieldViolation(path, message)]);

    public static AwsError ValidationFields(string message, IReadOnlyList<FieldViolation> fields) =>
        new(Validation, message, 400, writer =>
        {
            writer.WriteStartArray("fieldList"u8);
            foreach (var field in fields)
            {
                writer.WriteStartObject();
                writer.WriteString("path"u8, field.Path);
                writer.WriteString("message"u8, field.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });

    public static AwsError NotFound(string resourceId, string resourceType, string? message = null) =>
        new(ResourceNotFound, message ?? $"{Describe(resourceType)} {resourceId} not found.", 404, writer =>
        {
            writer.WriteString("resourceId"u8, resourceId);
            writer.WriteString("resourceType"u8, resourceType);
        });

    public static AwsError ConflictWith(string message, params (string ResourceId, string ResourceType)[] resources) =>
        new(Conflict, message, 409, writer =>
        {
            writer.WriteStartArray("resources"u8);
            foreach (var (id, type) in resources)
            {
                writer.WriteStartObject();
                writer.WriteString("resourceId"u8, id);
                writer.WriteString("resourceType"u8, type);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });

    public static AwsError QuotaExceeded(string message, string resourceType, string? resourceId = null, string? quotaCode = null) =>
        new(ServiceQuotaExceeded, message, 402, writer =>
        {
            if (resourceId is not null)
            {
                writer.WriteString("resourceId"u8, resourceId);
            }

            writer.WriteString("resourceType"u8, resourceType);
            writer.WriteString("serviceCode"u8, "verifiedpermissions");
            if (quotaCode is not null)
            {
                writer.WriteString("quotaCode"u8, quotaCode);
            }
        });

    public static AwsError StateInvalid(string message) => new(InvalidState, message, 406);

    public static AwsError TagsExceeded(string resourceArn, int limit) =>
        new(TooManyTags, $"No more tags can be added: the limit ({limit}) has been reached.", 400, writer =>
            writer.WriteString("resourceName"u8, resourceArn));

    private static string Describe(string resourceType) => resourceType switch
    {
        ResourceTypes.PolicyStore => "Policy store",
        ResourceTypes.PolicyStoreAlias => "Policy store alias",
        ResourceTypes.Policy => "Policy",
        ResourceTypes.PolicyTemplate => "Policy template",
        ResourceTypes.Schema => "Schema",
        ResourceTypes.IdentitySource => "Identity source",
        _ => "Resource",
    };
}
