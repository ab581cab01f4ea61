namespace Verdict.Storage;

/// <summary>
/// Policies, policy templates and schemas of policy stores. Every write that can change an authorization answer bumps
/// the store's <see cref="PolicyStoreRecord.Version"/> in the same transaction. Ids given to reads and writes may be
/// ids or <c>name/…</c> names.
/// </summary>
public interface IPolicyRepository
{
    /// <summary>
    /// Creates a policy. <paramref name="complete"/> runs inside the transaction with the linked template (null for a
    /// static policy) and returns the record to insert, or null to refuse (the caller keeps the reason).
    /// Status: Created, Replayed, TokenConflict, ParentNotFound (store or template), NameConflict, Rejected.
    /// </summary>
    ValueTask<IdempotentCreateResult> CreatePolicyAsync(
        Tenant tenant, string policyStoreId, string? templateIdOrName, IdempotencyKey? idempotencyKey,
        Func<PolicyTemplateRecord?, PolicyRecord?> complete, Func<PolicyRecord, string> renderResponse, CancellationToken cancellationToken);

    ValueTask<PolicyRecord?> GetPolicyAsync(Tenant tenant, string policyStoreId, string policyIdOrName, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a policy with what <paramref name="change"/> makes of it (null: refuse, nothing written), inside one
    /// transaction. Returns the status and the stored record after the call.
    /// </summary>
    ValueTask<(ChangeStatus Status, PolicyRecord? Policy)> UpdatePolicyAsync(
        Tenant tenant, string policyStoreId, string policyIdOrName, Func<PolicyRecord, PolicyRecord?> change, CancellationToken cancellationToken);

    /// <summary>Deletes a policy; false when there was none.</summary>
    ValueTask<bool> DeletePolicyAsync(Tenant tenant, string policyStoreId, string policyIdOrName, CancellationToken cancellationToken);

    /// <summary>Policies in creation order, starting after <paramref name="afterPosition"/>.</summary>
    ValueTask<Page<PolicyRecord>> ListPoliciesAsync(
        Tenant tenant, string policyStoreId, PolicyQuery query, long? afterPosition, int limit, CancellationToken cancellationToken);

    /// <summary>Creates a template unless the store already has <paramref name="maxTemplates"/>.</summary>
    ValueTask<IdempotentCreateResult> CreateTemplateAsync(
        Tenant tenant, PolicyTemplateRecord template, int maxTemplates, IdempotencyKey? idempotencyKey,
        Func<PolicyTemplateRecord, string> renderResponse, CancellationToken cancellationToken);

    ValueTask<PolicyTemplateRecord?> GetTemplateAsync(Tenant tenant, string policyStoreId, string templateIdOrName, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a template with what <paramref name="change"/> makes of it and recomputes the actions of every policy
    /// linked to it with <paramref name="linkedActions"/>, in one transaction.
    /// </summary>
    ValueTask<(ChangeStatus Status, PolicyTemplateRecord? Template)> UpdateTemplateAsync(
        Tenant tenant, string policyStoreId, string templateIdOrName, Func<PolicyTemplateRecord, PolicyTemplateRecord?> change,
        IReadOnlyList<StoredEntity>? linkedActions, CancellationToken cancellationToken);

    /// <summary>Deletes a template and every policy linked to it; false when there was none.</summary>
    ValueTask<bool> DeleteTemplateAsync(Tenant tenant, string policyStoreId, string templateIdOrName, CancellationToken cancellationToken);

    ValueTask<Page<PolicyTemplateRecord>> ListTemplatesAsync(
        Tenant tenant, string policyStoreId, long? afterPosition, int limit, CancellationToken cancellationToken);

    /// <summary>Sets the schema, or removes it when <paramref name="schema"/> is null. Returns the stored schema (null when removed), or StoreNotFound.</summary>
    ValueTask<(ChangeStatus Status, SchemaRecord? Schema)> PutSchemaAsync(
        Tenant tenant, string policyStoreId, string? schemaJson, IReadOnlyList<string> namespaces, DateTimeOffset now, CancellationToken cancellationToken);

    ValueTask<SchemaRecord?> GetSchemaAsync(Tenant tenant, string policyStoreId, CancellationToken cancellationToken);

    /// <summary>The store's policies, templates and schema with the version they make up; null when the store does not exist.</summary>
    ValueTask<PolicySetSnapshot?> LoadSnapshotAsync(Tenant tenant, string policyStoreId, CancellationToken cancellationToken);
}
