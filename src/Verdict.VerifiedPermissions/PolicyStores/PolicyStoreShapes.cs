using System.Text.Json;

namespace Verdict.VerifiedPermissions.PolicyStores;

public sealed record ValidationSettings(string Mode);

public sealed record CreatePolicyStoreInput(
    string? ClientToken,
    ValidationSettings ValidationSettings,
    string? Description,
    string? DeletionProtection,
    JsonElement? EncryptionSettings,
    Dictionary<string, string>? Tags);

public sealed record CreatePolicyStoreOutput(string PolicyStoreId, string Arn, string CreatedDate, string LastUpdatedDate);

public sealed record GetPolicyStoreInput(string PolicyStoreId, bool? Tags);

public sealed record GetPolicyStoreOutput(
    string PolicyStoreId,
    string Arn,
    ValidationSettings ValidationSettings,
    string CreatedDate,
    string LastUpdatedDate,
    string? Description,
    string DeletionProtection,
    JsonElement EncryptionState,
    string CedarVersion,
    Dictionary<string, string>? Tags);

public sealed record ListPolicyStoresInput(string? NextToken, int? MaxResults);

public sealed record PolicyStoreItem(string PolicyStoreId, string Arn, string CreatedDate, string LastUpdatedDate, string? Description);

public sealed record ListPolicyStoresOutput(string? NextToken, IReadOnlyList<PolicyStoreItem> PolicyStores);

public sealed record UpdatePolicyStoreInput(string PolicyStoreId, ValidationSettings ValidationSettings, string? DeletionProtection, string? Description);

public sealed record UpdatePolicyStoreOutput(string PolicyStoreId, string Arn, string CreatedDate, string LastUpdatedDate);

public sealed record DeletePolicyStoreInput(string PolicyStoreId);
