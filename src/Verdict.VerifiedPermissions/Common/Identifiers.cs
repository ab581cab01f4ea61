using Verdict.Storage;

namespace Verdict.VerifiedPermissions.Common;

/// <summary>The model's <c>EntityIdentifier</c>.</summary>
public sealed record EntityIdentifier(string EntityType, string EntityId)
{
    public static EntityIdentifier? From(StoredEntity? entity) => entity is null ? null : new(entity.EntityType, entity.EntityId);

    public StoredEntity ToStored() => new(EntityType, EntityId);
}

/// <summary>The model's <c>ActionIdentifier</c>.</summary>
public sealed record ActionIdentifier(string ActionType, string ActionId)
{
    public static ActionIdentifier From(StoredEntity entity) => new(entity.EntityType, entity.EntityId);
}

/// <summary>The model's <c>EntityReference</c> union: <c>unspecified</c> or <c>identifier</c>.</summary>
public sealed record EntityReference(bool? Unspecified, EntityIdentifier? Identifier);
