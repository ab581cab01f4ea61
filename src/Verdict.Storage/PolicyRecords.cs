namespace Verdict.Storage;

/// <summary>An entity reference as stored: a Cedar entity type and id.</summary>
public sealed record StoredEntity(string EntityType, string EntityId);

/// <summary>
/// A policy as stored. Static policies keep their statement; template-linked ones keep the template id and the values
/// of its slots. The scope-derived fields (principal, resource, actions, effect) are computed once on write so listing
/// and filtering never parse Cedar.
/// </summary>
/// <param name="PolicyType"><c>STATIC</c> or <c>TEMPLATE_LINKED</c>.</param>
/// <param name="Name">The full <c>name/…</c> name, or null.</param>
/// <param name="LinkedPrincipal">The value linked to <c>?principal</c> (template-linked policies only).</param>
/// <param name="LinkedResource">The value linked to <c>?resource</c> (template-linked policies only).</param>
/// <param name="Principal">The principal the scope names (after linking), or null when the scope names none.</param>
/// <param name="Resource">The resource the scope names (after linking), or null when the scope names none.</param>
/// <param name="Actions">The actions the scope names, or null when the action is unconstrained.</param>
/// <param name="Effect"><c>Permit</c> or <c>Forbid</c>.</param>
public sealed record PolicyRecord(
    Tenant Tenant,
    string PolicyStoreId,
    string PolicyId,
    string PolicyType,
    string? Name,
    string? Statement,
    string? Description,
    string? PolicyTemplateId,
    StoredEntity? LinkedPrincipal,
    StoredEntity? LinkedResource,
    StoredEntity? Principal,
    StoredEntity? Resource,
    IReadOnlyList<StoredEntity>? Actions,
    string Effect,
    DateTimeOffset CreatedDate,
    DateTimeOffset LastUpdatedDate);

/// <summary>A policy template as stored.</summary>
public sealed record PolicyTemplateRecord(
    Tenant Tenant,
    string PolicyStoreId,
    string PolicyTemplateId,
    string? Name,
    string? Description,
    string Statement,
    DateTimeOffset CreatedDate,
    DateTimeOffset LastUpdatedDate);

/// <summary>A store's schema as stored: the JSON text given to PutSchema and the namespaces it declares.</summary>
public sealed record SchemaRecord(
    Tenant Tenant,
    string PolicyStoreId,
    string SchemaJson,
    IReadOnlyList<string> Namespaces,
    DateTimeOffset CreatedDate,
    DateTimeOffset LastUpdatedDate);

/// <summary>Which policies ListPolicies returns; a null member does not filter.</summary>
/// <param name="Principal">Policies whose principal is this entity.</param>
/// <param name="PrincipalUnspecified">True: only policies whose scope names no principal.</param>
public sealed record PolicyQuery(
    StoredEntity? Principal = null,
    bool PrincipalUnspecified = false,
    StoredEntity? Resource = null,
    bool ResourceUnspecified = false,
    string? PolicyType = null,
    string? PolicyTemplateId = null);

/// <summary>
/// Everything that decides a store's authorization answers, read in one transaction so it matches <see cref="Version"/>.
/// </summary>
public sealed record PolicySetSnapshot(
    long Version,
    IReadOnlyList<PolicyRecord> Policies,
    IReadOnlyList<PolicyTemplateRecord> Templates,
    SchemaRecord? Schema);

/// <summary>The outcome of a change decided inside the write transaction.</summary>
public enum ChangeStatus
{
    Done,
    StoreNotFound,
    NotFound,
    NameConflict,
    QuotaExceeded,
    Rejected,
}
