using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Verdict.Storage.Sqlite;

internal sealed class SqlitePolicyRepository(SqliteVerdictStorage storage) : IPolicyRepository
{
    private const string NamePrefix = "name/";

    private const string PolicyColumns =
        "seq, policy_store_id, policy_id, policy_type, name, statement, description, template_id, linked_principal_type, linked_principal_id, " +
        "linked_resource_type, linked_resource_id, principal_type, principal_id, resource_type, resource_id, actions, effect, created_us, updated_us";

    private const string TemplateColumns = "seq, policy_store_id, policy_template_id, name, description, statement, created_us, updated_us";

    public ValueTask<IdempotentCreateResult> CreatePolicyAsync(
        Tenant tenant, string policyStoreId, string? templateIdOrName, IdempotencyKey? idempotencyKey,
        Func<PolicyTemplateRecord?, PolicyRecord?> complete, Func<PolicyRecord, string> renderResponse, CancellationToken cancellationToken) =>
        storage.WriteAsync((connection, transaction) =>
        {
            if (idempotencyKey is not null && ClientTokens.Find(connection, transaction, tenant, idempotencyKey) is { } earlier)
            {
                return earlier;
            }

            if (!StoreExists(connection, transaction, tenant, policyStoreId))
            {
                return new IdempotentCreateResult(IdempotentCreateStatus.ParentNotFound, policyStoreId, null);
            }

            PolicyTemplateRecord? template = null;
            if (templateIdOrName is not null)
            {
                template = FindTemplate(connection, transaction, tenant, policyStoreId, templateIdOrName);
                if (template is null)
                {
                    return new IdempotentCreateResult(IdempotentCreateStatus.ParentNotFound, templateIdOrName, null);
                }
            }

            var policy = complete(template);
            if (policy is null)
            {
                return new IdempotentCreateResult(IdempotentCreateStatus.Rejected, null, null);
            }

            if (policy.Name is not null && FindPolicy(connection, transaction, tenant, policyStoreId, policy.Name) is { } named)
            {
                return new IdempotentCreateResult(IdempotentCreateStatus.NameConflict, named.PolicyId, null);
            }

            InsertPolicy(connection, transaction, policy);
            BumpVersion(connection, transaction, tenant, policyStoreId);
            var response = renderResponse(policy);
            if (idempotencyKey is not null)
            {
                ClientTokens.Record(connection, transaction, tenant, idempotencyKey, policy.PolicyId, response, policy.CreatedDate);
            }

            return new IdempotentCreateResult(IdempotentCreateStatus.Created, policy.PolicyId, response);
        }, cancellationToken);

    public ValueTask<PolicyRecord?> GetPolicyAsync(Tenant tenant, string policyStoreId, string policyIdOrName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(storage.Read(connection => FindPolicy(connection, null, tenant, policyStoreId, policyIdOrName)));

    public ValueTask<(ChangeStatus Status, PolicyRecord? Policy)> UpdatePolicyAsync(
        Tenant tenant, string policyStoreId, string policyIdOrName, Func<PolicyRecord, PolicyRecord?> change, CancellationToken cancellationToken) =>
        storage.WriteAsync<(ChangeStatus, PolicyRecord?)>((connection, transaction) =>
        {
            if (!StoreExists(connection, transaction, tenant, policyStoreId))
            {
                return (ChangeStatus.StoreNotFound, null);
            }

            var existing = FindPolicy(connection, transaction, tenant, policyStoreId, policyIdOrName);
            if (existing is null)
            {
                return (ChangeStatus.NotFound, null);
            }

            var updated = change(existing);
            if (updated is null)
            {
                return (ChangeStatus.Rejected, existing);
            }

            if (updated.Name is not null && updated.Name != existing.Name
                && FindPolicy(connection, transaction, tenant, policyStoreId, updated.Name) is not null)
            {
                return (ChangeStatus.NameConflict, existing);
            }

            // Replaced in place under its original sequence, so the listing order does not change.
            long seq;
            using (var find = Command(connection, transaction, tenant,
                "SELECT seq FROM policies WHERE account = $account AND region = $region AND policy_store_id = $store AND policy_id = $id;"))
            {
                find.Parameters.AddWithValue("$store", policyStoreId);
                find.Parameters.AddWithValue("$id", existing.PolicyId);
                seq = (long)find.ExecuteScalar()!;
            }

            using (var delete = Command(connection, transaction, tenant, "DELETE FROM policies WHERE seq = $seq;"))
            {
                delete.Parameters.AddWithValue("$seq", seq);
                delete.ExecuteNonQuery();
            }

            InsertPolicy(connection, transaction, updated, seq);
            BumpVersion(connection, transaction, tenant, policyStoreId);
            return (ChangeStatus.Done, updated);
        }, cancellationToken);

    public ValueTask<bool> DeletePolicyAsync(Tenant tenant, string policyStoreId, string policyIdOrName, CancellationToken cancellationToken) =>
        storage.WriteAsync((connection, transaction) =>
        {
            using var delete = Command(connection, transaction, tenant, $"""
                DELETE FROM policies WHERE account = $account AND region = $region AND policy_store_id = $store AND {KeyColumn(policyIdOrName, "policy_id")} = $key;
                """);
            delete.Parameters.AddWithValue("$store", policyStoreId);
            delete.Parameters.AddWithValue("$key", policyIdOrName);
            var deleted = delete.ExecuteNonQuery() > 0;
            if (deleted)
            {
                BumpVersion(connection, transaction, tenant, policyStoreId);
            }

            return deleted;
        }, cancellationToken);

    public ValueTask<Page<PolicyRecord>> ListPoliciesAsync(
        Tenant tenant, string policyStoreId, PolicyQuery query, long? afterPosition, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult(storage.Read(connection =>
        {
            var where = new StringBuilder("account = $account AND region = $region AND policy_store_id = $store AND seq > $after");
            using var command = Command(connection, null, tenant, "");
            command.Parameters.AddWithValue("$store", policyStoreId);
            command.Parameters.AddWithValue("$after", afterPosition ?? 0);
            command.Parameters.AddWithValue("$limit", limit + 1);
            AddEntityFilter(where, command, "principal", query.Principal, query.PrincipalUnspecified);
            AddEntityFilter(where, command, "resource", query.Resource, query.ResourceUnspecified);
            if (query.PolicyType is not null)
            {
                where.Append(" AND policy_type = $type");
                command.Parameters.AddWithValue("$type", query.PolicyType);
            }

            if (query.PolicyTemplateId is not null)
            {
                where.Append(" AND template_id = $template");
                command.Parameters.AddWithValue("$template", query.PolicyTemplateId);
            }

            command.CommandText = $"SELECT {PolicyColumns} FROM policies WHERE {where} ORDER BY seq LIMIT $limit;";
            return ReadPage(command, limit, reader => ReadPolicy(reader, tenant));
        }));

    public ValueTask<IdempotentCreateResult> CreateTemplateAsync(
        Tenant tenant, PolicyTemplateRecord template, int maxTemplates, IdempotencyKey? idempotencyKey,
        Func<PolicyTemplateRecord, string> renderResponse, CancellationToken cancellationToken) =>
        storage.WriteAsync((connection, transaction) =>
        {
            if (idempotencyKey is not null && ClientTokens.Find(connection, transaction, tenant, idempotencyKey) is { } earlier)
            {
                return earlier;
            }

            if (!StoreExists(connection, transaction, tenant, template.PolicyStoreId))
            {
                return new IdempotentCreateResult(IdempotentCreateStatus.ParentNotFound, template.PolicyStoreId, null);
            }

            if (template.Name is not null && FindTemplate(connection, transaction, tenant, template.PolicyStoreId, template.Name) is { } named)
            {
                return new IdempotentCreateResult(IdempotentCreateStatus.NameConflict, named.PolicyTemplateId, null);
            }

            using (var count = Command(connection, transaction, tenant,
                "SELECT COUNT(*) FROM policy_templates WHERE account = $account AND region = $region AND policy_store_id = $store;"))
            {
                count.Parameters.AddWithValue("$store", template.PolicyStoreId);
                if ((long)count.ExecuteScalar()! >= maxTemplates)
                {
                    return new IdempotentCreateResult(IdempotentCreateStatus.QuotaExceeded, template.PolicyStoreId, null);
                }
            }

            InsertTemplate(connection, transaction, template, null);
            BumpVersion(connection, transaction, tenant, template.PolicyStoreId);
            var response = renderResponse(template);
            if (idempotencyKey is not null)
            {
                ClientTokens.Record(connection, transaction, tenant, idempotencyKey, template.PolicyTemplateId, response, template.CreatedDate);
            }

            return new IdempotentCreateResult(IdempotentCreateStatus.Created, template.PolicyTemplateId, response);
        }, cancellationToken);

    public ValueTask<PolicyTemplateRecord?> GetTemplateAsync(Tenant tenant, string policyStoreId, string templateIdOrName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(storage.Read(connection => FindTemplate(connection, null, tenant, policyStoreId, templateIdOrName)));

    public ValueTask<(ChangeStatus Status, PolicyTemplateRecord? Template)> UpdateTemplateAsync(
        Tenant tenant, string policyStoreId, string templateIdOrName, Func<PolicyTemplateRecord, PolicyTemplateRecord?> change,
        IReadOnlyList<StoredEntity>? linkedActions, CancellationToken cancellationToken) =>
        storage.WriteAsync<(ChangeStatus, PolicyTemplateRecord?)>((connection, transaction) =>
        {
            if (!StoreExists(connection, transaction, tenant, policyStoreId))
            {
                return (ChangeStatus.StoreNotFound, null);
            }

            var existing = FindTemplate(connection, transaction, tenant, policyStoreId, templateIdOrName);
            if (existing is null)
            {
                return (ChangeStatus.NotFound, null);
            }

            var updated = change(existing);
            if (updated is null)
            {
                return (ChangeStatus.Rejected, existing);
            }

            if (updated.Name is not null && updated.Name != existing.Name
                && FindTemplate(connection, transaction, tenant, policyStoreId, updated.Name) is not null)
            {
                return (ChangeStatus.NameConflict, existing);
            }

            using (var update = Command(connection, transaction, tenant, """
                UPDATE policy_templates SET name = $name, description = $description, statement = $statement, updated_us = $updated
                WHERE account = $account AND region = $region AND policy_store_id = $store AND policy_template_id = $id;
                """))
            {
                update.Parameters.AddWithValue("$store", policyStoreId);
                update.Parameters.AddWithValue("$id", existing.PolicyTemplateId);
                update.Parameters.AddWithValue("$name", (object?)updated.Name ?? DBNull.Value);
                update.Parameters.AddWithValue("$description", (object?)updated.Description ?? DBNull.Value);
                update.Parameters.AddWithValue("$statement", updated.Statement);
                update.Parameters.AddWithValue("$updated", StorageTime.ToMicros(updated.LastUpdatedDate));
                update.ExecuteNonQuery();
            }

            using (var links = Command(connection, transaction, tenant, """
                UPDATE policies SET actions = $actions
                WHERE account = $account AND region = $region AND policy_store_id = $store AND template_id = $id;
                """))
            {
                links.Parameters.AddWithValue("$store", policyStoreId);
                links.Parameters.AddWithValue("$id", existing.PolicyTemplateId);
                links.Parameters.AddWithValue("$actions", (object?)EncodeEntities(linkedActions) ?? DBNull.Value);
                links.ExecuteNonQuery();
            }

            BumpVersion(connection, transaction, tenant, policyStoreId);
            return (ChangeStatus.Done, updated);
        }, cancellationToken);

    public ValueTask<bool> DeleteTemplateAsync(Tenant tenant, string policyStoreId, string templateIdOrName, CancellationToken cancellationToken) =>
        storage.WriteAsync((connection, transaction) =>
        {
            var existing = FindTemplate(connection, transaction, tenant, policyStoreId, templateIdOrName);
            if (existing is null)
            {
                return false;
            }

            foreach (var sql in (string[])[
                "DELETE FROM policies WHERE account = $account AND region = $region AND policy_store_id = $store AND template_id = $id;",
                "DELETE FROM policy_templates WHERE account = $account AND region = $region AND policy_store_id = $store AND policy_template_id = $id;"])
            {
                using var command = Command(connection, transaction, tenant, sql);
                command.Parameters.AddWithValue("$store", policyStoreId);
                command.Parameters.AddWithValue("$id", existing.PolicyTemplateId);
                command.ExecuteNonQuery();
            }

            BumpVersion(connection, transaction, tenant, policyStoreId);
            return true;
        }, cancellationToken);

    public ValueTask<Page<PolicyTemplateRecord>> ListTemplatesAsync(
        Tenant tenant, string policyStoreId, long? afterPosition, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult(storage.Read(connection =>
        {
            using var command = Command(connection, null, tenant, $"""
                SELECT {TemplateColumns} FROM policy_templates
                WHERE account = $account AND region = $region AND policy_store_id = $store AND seq > $after
                ORDER BY seq LIMIT $limit;
                """);
            command.Parameters.AddWithValue("$store", policyStoreId);
            command.Parameters.AddWithValue("$after", afterPosition ?? 0);
            command.Parameters.AddWithValue("$limit", limit + 1);
            return ReadPage(command, limit, reader => ReadTemplate(reader, tenant));
        }));

    public ValueTask<(ChangeStatus Status, SchemaRecord? Schema)> PutSchemaAsync(
        Tenant tenant, string policyStoreId, string? schemaJson, IReadOnlyList<string> namespaces, DateTimeOffset now, CancellationToken cancellationToken) =>
        storage.WriteAsync<(ChangeStatus, SchemaRecord?)>((connection, transaction) =>
        {
            if (!StoreExists(connection, transaction, tenant, policyStoreId))
            {
                return (ChangeStatus.StoreNotFound, null);
            }

            var existing = FindSchema(connection, transaction, tenant, policyStoreId);
            if (schemaJson is null)
            {
                using var delete = Command(connection, transaction, tenant,
                    "DELETE FROM schemas WHERE account = $account AND region = $region AND policy_store_id = $store;");
                delete.Parameters.AddWithValue("$store", policyStoreId);
                delete.ExecuteNonQuery();
                BumpVersion(connection, transaction, tenant, policyStoreId);
                return (ChangeStatus.Done, null);
            }

            var stored = new SchemaRecord(tenant, policyStoreId, schemaJson, namespaces, existing?.CreatedDate ?? now, now);
            using (var upsert = Command(connection, transaction, tenant, """
                INSERT INTO schemas (account, region, policy_store_id, schema_json, namespaces, created_us, updated_us)
                VALUES ($account, $region, $store, $schema, $namespaces, $created, $updated)
                ON CONFLICT (account, region, policy_store_id) DO UPDATE
                SET schema_json = excluded.schema_json, namespaces = excluded.namespaces, updated_us = excluded.updated_us;
                """))
            {
                upsert.Parameters.AddWithValue("$store", policyStoreId);
                upsert.Parameters.AddWithValue("$schema", schemaJson);
                upsert.Parameters.AddWithValue("$namespaces", EncodeStrings(namespaces));
                upsert.Parameters.AddWithValue("$created", StorageTime.ToMicros(stored.CreatedDate));
                upsert.Parameters.AddWithValue("$updated", StorageTime.ToMicros(now));
                upsert.ExecuteNonQuery();
            }

            BumpVersion(connection, transaction, tenant, policyStoreId);
            return (ChangeStatus.Done, stored);
        }, cancellationToken);

    public ValueTask<SchemaRecord?> GetSchemaAsync(Tenant tenant, string policyStoreId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(storage.Read(connection => FindSchema(connection, null, tenant, policyStoreId)));

    public ValueTask<PolicySetSnapshot?> LoadSnapshotAsync(Tenant tenant, string policyStoreId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(storage.Read(connection =>
        {
            // One read transaction: under WAL it sees a single committed state, so the version matches the contents.
            using var transaction = connection.BeginTransaction(deferred: true);
            long version;
            using (var store = Command(connection, transaction, tenant,
                "SELECT version FROM policy_stores WHERE account = $account AND region = $region AND policy_store_id = $store;"))
            {
                store.Parameters.AddWithValue("$store", policyStoreId);
                if (store.ExecuteScalar() is not long v)
                {
                    return null;
                }

                version = v;
            }

            var policies = new List<PolicyRecord>();
            var shared = new SharedSnapshotValues();
            using (var command = Command(connection, transaction, tenant,
                $"SELECT {PolicyColumns} FROM policies WHERE account = $account AND region = $region AND policy_store_id = $store ORDER BY seq;"))
            {
                command.Parameters.AddWithValue("$store", policyStoreId);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    policies.Add(ReadPolicy(reader, tenant, shared));
                }
            }

            var templates = new List<PolicyTemplateRecord>();
            using (var command = Command(connection, transaction, tenant,
                $"SELECT {TemplateColumns} FROM policy_templates WHERE account = $account AND region = $region AND policy_store_id = $store ORDER BY seq;"))
            {
                command.Parameters.AddWithValue("$store", policyStoreId);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    templates.Add(ReadTemplate(reader, tenant));
                }
            }

            var schema = FindSchema(connection, transaction, tenant, policyStoreId);
            transaction.Commit();
            return new PolicySetSnapshot(version, policies, templates, schema);
        }));

    private static void AddEntityFilter(StringBuilder where, SqliteCommand command, string column, StoredEntity? entity, bool unspecified)
    {
        if (unspecified)
        {
            where.Append($" AND {column}_type IS NULL");
        }
        else if (entity is not null)
        {
            where.Append($" AND {column}_type = ${column}Type AND {column}_id = ${column}Id");
            command.Parameters.AddWithValue($"${column}Type", entity.EntityType);
            command.Parameters.AddWithValue($"${column}Id", entity.EntityId);
        }
    }

    private static string KeyColumn(string idOrName, string idColumn) =>
        idOrName.StartsWith(NamePrefix, StringComparison.Ordinal) ? "name" : idColumn;

    private static bool StoreExists(SqliteConnection connection, SqliteTransaction? transaction, Tenant tenant, string policyStoreId)
    {
        using var command = Command(connection, transaction, tenant,
            "SELECT 1 FROM policy_stores WHERE account = $account AND region = $region AND policy_store_id = $store;");
        command.Parameters.AddWithValue("$store", policyStoreId);
        return command.ExecuteScalar() is not null;
    }

    private static void BumpVersion(SqliteConnection connection, SqliteTransaction transaction, Tenant tenant, string policyStoreId)
    {
        using var command = Command(connection, transaction, tenant,
            "UPDATE policy_stores SET version = version + 1 WHERE account = $account AND region = $region AND policy_store_id = $store;");
        command.Parameters.AddWithValue("$store", policyStoreId);
        command.ExecuteNonQuery();
    }

    private static void InsertPolicy(SqliteConnection connection, SqliteTransaction transaction, PolicyRecord policy, long? seq = null)
    {
        using var insert = Command(connection, transaction, policy.Tenant, """
            INSERT INTO policies (seq, account, region, policy_store_id, policy_id, policy_type, name, statement, description, template_id,
                                  linked_principal_type, linked_principal_id, linked_resource_type, linked_resource_id,
                                  principal_type, principal_id, resource_type, resource_id, actions, effect, created_us, updated_us)
            VALUES ($seq, $account, $region, $store, $id, $type, $name, $statement, $description, $template,
                    $lpt, $lpi, $lrt, $lri, $pt, $pi, $rt, $ri, $actions, $effect, $created, $updated);
            """);
        insert.Parameters.AddWithValue("$seq", (object?)seq ?? DBNull.Value);
        insert.Parameters.AddWithValue("$store", policy.PolicyStoreId);
        insert.Parameters.AddWithValue("$id", policy.PolicyId);
        insert.Parameters.AddWithValue("$type", policy.PolicyType);
        insert.Parameters.AddWithValue("$name", (object?)policy.Name ?? DBNull.Value);
        insert.Parameters.AddWithValue("$statement", (object?)policy.Statement ?? DBNull.Value);
        insert.Parameters.AddWithValue("$description", (object?)policy.Description ?? DBNull.Value);
        insert.Parameters.AddWithValue("$template", (object?)policy.PolicyTemplateId ?? DBNull.Value);
        AddEntity(insert, "$lpt", "$lpi", policy.LinkedPrincipal);
        AddEntity(insert, "$lrt", "$lri", policy.LinkedResource);
        AddEntity(insert, "$pt", "$pi", policy.Principal);
        AddEntity(insert, "$rt", "$ri", policy.Resource);
        insert.Parameters.AddWithValue("$actions", (object?)EncodeEntities(policy.Actions) ?? DBNull.Value);
        insert.Parameters.AddWithValue("$effect", policy.Effect);
        insert.Parameters.AddWithValue("$created", StorageTime.ToMicros(policy.CreatedDate));
        insert.Parameters.AddWithValue("$updated", StorageTime.ToMicros(policy.LastUpdatedDate));
        insert.ExecuteNonQuery();
    }

    private static void InsertTemplate(SqliteConnection connection, SqliteTransaction transaction, PolicyTemplateRecord template, long? seq)
    {
        using var insert = Command(connection, transaction, template.Tenant, """
            INSERT INTO policy_templates (seq, account, region, policy_store_id, policy_template_id, name, description, statement, created_us, updated_us)
            VALUES ($seq, $account, $region, $store, $id, $name, $description, $statement, $created, $updated);
            """);
        insert.Parameters.AddWithValue("$seq", (object?)seq ?? DBNull.Value);
        insert.Parameters.AddWithValue("$store", template.PolicyStoreId);
        insert.Parameters.AddWithValue("$id", template.PolicyTemplateId);
        insert.Parameters.AddWithValue("$name", (object?)template.Name ?? DBNull.Value);
        insert.Parameters.AddWithValue("$description", (object?)template.Description ?? DBNull.Value);
        insert.Parameters.AddWithValue("$statement", template.Statement);
        insert.Parameters.AddWithValue("$created", StorageTime.ToMicros(template.CreatedDate));
        insert.Parameters.AddWithValue("$updated", StorageTime.ToMicros(template.LastUpdatedDate));
        insert.ExecuteNonQuery();
    }

    private static void AddEntity(SqliteCommand command, string typeParameter, string idParameter, StoredEntity? entity)
    {
        command.Parameters.AddWithValue(typeParameter, (object?)entity?.EntityType ?? DBNull.Value);
        command.Parameters.AddWithValue(idParameter, (object?)entity?.EntityId ?? DBNull.Value);
    }

    private static PolicyRecord? FindPolicy(SqliteConnection connection, SqliteTransaction? transaction, Tenant tenant, string policyStoreId, string idOrName)
    {
        using var command = Command(connection, transaction, tenant, $"""
            SELECT {PolicyColumns} FROM policies
            WHERE account = $account AND region = $region AND policy_store_id = $store AND {KeyColumn(idOrName, "policy_id")} = $key;
            """);
        command.Parameters.AddWithValue("$store", policyStoreId);
        command.Parameters.AddWithValue("$key", idOrName);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadPolicy(reader, tenant) : null;
    }

    private static PolicyTemplateRecord? FindTemplate(SqliteConnection connection, SqliteTransaction? transaction, Tenant tenant, string policyStoreId, string idOrName)
    {
        using var command = Command(connection, transaction, tenant, $"""
            SELECT {TemplateColumns} FROM policy_templates
            WHERE account = $account AND region = $region AND policy_store_id = $store AND {KeyColumn(idOrName, "policy_template_id")} = $key;
            """);
        command.Parameters.AddWithValue("$store", policyStoreId);
        command.Parameters.AddWithValue("$key", idOrName);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadTemplate(reader, tenant) : null;
    }

    private static SchemaRecord? FindSchema(SqliteConnection connection, SqliteTransaction? transaction, Tenant tenant, string policyStoreId)
    {
        using var command = Command(connection, transaction, tenant, """
            SELECT schema_json, namespaces, created_us, updated_us FROM schemas
            WHERE account = $account AND region = $region AND policy_store_id = $store;
            """);
        command.Parameters.AddWithValue("$store", policyStoreId);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new SchemaRecord(tenant, policyStoreId, reader.GetString(0), DecodeStrings(reader.GetString(1)),
                StorageTime.FromMicros(reader.GetInt64(2)), StorageTime.FromMicros(reader.GetInt64(3)))
            : null;
    }

    private static PolicyRecord ReadPolicy(SqliteDataReader reader, Tenant tenant, SharedSnapshotValues? shared = null) => new(
        tenant,
        PolicyStoreId: Share(shared, reader.GetString(1)),
        PolicyId: reader.GetString(2),
        PolicyType: Share(shared, reader.GetString(3)),
        Name: NullableString(reader, 4),
        Statement: NullableString(reader, 5),
        Description: NullableString(reader, 6),
        PolicyTemplateId: reader.IsDBNull(7) ? null : Share(shared, reader.GetString(7)),
        LinkedPrincipal: ReadEntity(reader, 8, shared),
        LinkedResource: ReadEntity(reader, 10, shared),
        Principal: ReadEntity(reader, 12, shared),
        Resource: ReadEntity(reader, 14, shared),
        Actions: reader.IsDBNull(16) ? null : shared is null ? DecodeEntities(reader.GetString(16)) : shared.EntityList(reader.GetString(16), DecodeEntities),
        Effect: Share(shared, reader.GetString(17)),
        CreatedDate: StorageTime.FromMicros(reader.GetInt64(18)),
        LastUpdatedDate: StorageTime.FromMicros(reader.GetInt64(19)));

    private static string Share(SharedSnapshotValues? shared, string value) => shared is null ? value : shared.String(value);

    private static PolicyTemplateRecord ReadTemplate(SqliteDataReader reader, Tenant tenant) => new(
        tenant,
        PolicyStoreId: reader.GetString(1),
        PolicyTemplateId: reader.GetString(2),
        Name: NullableString(reader, 3),
        Description: NullableString(reader, 4),
        Statement: reader.GetString(5),
        CreatedDate: StorageTime.FromMicros(reader.GetInt64(6)),
        LastUpdatedDate: StorageTime.FromMicros(reader.GetInt64(7)));

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static StoredEntity? ReadEntity(SqliteDataReader reader, int typeOrdinal, SharedSnapshotValues? shared) =>
        reader.IsDBNull(typeOrdinal) ? null
        : shared is null ? new StoredEntity(reader.GetString(typeOrdinal), reader.GetString(typeOrdinal + 1))
        : shared.Entity(reader.GetString(typeOrdinal), reader.GetString(typeOrdinal + 1));

    private static string? EncodeEntities(IReadOnlyList<StoredEntity>? entities)
    {
        if (entities is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var entity in entities)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(entity.EntityType);
                writer.WriteStringValue(entity.EntityId);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static List<StoredEntity> DecodeEntities(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(pair => new StoredEntity(pair[0].GetString()!, pair[1].GetString()!))];
    }

    private static string EncodeStrings(IReadOnlyList<string> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static List<string> DecodeStrings(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(v => v.GetString()!)];
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, Tenant tenant, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$account", tenant.Account);
        command.Parameters.AddWithValue("$region", tenant.Region);
        return command;
    }

    private static Page<T> ReadPage<T>(SqliteCommand command, int limit, Func<SqliteDataReader, T> read)
    {
        var items = new List<T>();
        long lastSeq = 0;
        var more = false;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (items.Count == limit)
            {
                more = true;
                break;
            }

            items.Add(read(reader));
            lastSeq = reader.GetInt64(0);
        }

        return new Page<T>(items, more ? lastSeq : null);
    }
}
