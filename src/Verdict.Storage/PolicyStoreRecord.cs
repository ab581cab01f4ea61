namespace Verdict.Storage;

/// <summary>A policy store as stored.</summary>
/// <param name="Version">Bumped by every write that can change an authorization answer (policies, templates, schema,
/// validation mode), so compiled policy sets can be cached per (store, version).</param>
/// <param name="EncryptionStateJson">The <c>EncryptionState</c> union as the service renders it (for example <c>{"default":{}}</c>).</param>
public sealed record PolicyStoreRecord(
    Tenant Tenant,
    string PolicyStoreId,
    string ValidationMode,
    string DeletionProtection,
    string? Description,
    string EncryptionStateJson,
    string CedarVersion,
    DateTimeOffset CreatedDate,
    DateTimeOffset LastUpdatedDate,
    long Version);

/// <summary>The fields a new policy store is created with; the storage assigns nothing but its sequence.</summary>
public sealed record NewPolicyStore(
    string PolicyStoreId,
    string ValidationMode,
    string DeletionProtection,
    string? Description,
    string EncryptionStateJson,
    string CedarVersion,
    DateTimeOffset CreatedDate,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>A change to a policy store; a null member leaves the stored value unchanged.</summary>
public sealed record PolicyStoreUpdate(string ValidationMode, string? DeletionProtection, string? Description, DateTimeOffset LastUpdatedDate);

/// <summary>A policy store alias as stored.</summary>
public sealed record PolicyStoreAliasRecord(
    Tenant Tenant,
    string AliasName,
    string PolicyStoreId,
    DateTimeOffset CreatedAt,
    AliasState State,
    DateTimeOffset? DeletionRequestedAt);

public enum AliasState
{
    Active,
    PendingDeletion,
}

/// <summary>One page of a keyset-paginated listing; <see cref="NextPosition"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long? NextPosition);
