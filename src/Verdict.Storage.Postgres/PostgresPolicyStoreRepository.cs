using Npgsql;

namespace Verdict.Storage.Postgres;

internal sealed class PostgresPolicyStoreRepository(PostgresVerdictStorage storage) : IPolicyStoreRepository
{
    private const string StoreColumns =
        "seq, policy_store_id, validation_mode, deletion_protection, description, encryption_state, cedar_version, created_us, updated_us, version";

    private const string AliasColumns = "seq, alias_name, policy_store_id, created_us, state, deletion_us";

    public ValueTask<IdempotentCreateResult> CreateAsync(
        Tenant tenant, NewPolicyStore store, int maxPolicyStores, IdempotencyKey? idempotencyKey, Func<PolicyStoreRecord, string> renderResponse,
        CancellationToken cancellationToken) =>
        storage.WriteAsync((connection, transaction) =>
        {
            if (idempotencyKey is not null)
            {
                var earlier = ClientTokens.Find(connection, transaction, tenant, idempotencyKey);
                if (earlier is not null)
                {
                    return earlier;
                }
            }

            using (var count = Command(connection, transaction, tenant, "SELECT COUNT(*) FROM policy_stores WHERE account = @account AND region = @region;"))
            {
                if ((long)count.ExecuteScalar()! >= maxPolicyStores)
                {
                    return new IdempotentCreateResult(IdempotentCreateStatus.QuotaExceeded, null, null);
                }
            }

            using (var insert = Command(connection, transaction, tenant, """
                INSERT INTO policy_stores (account, region, policy_store_id, validation_mode, deletion_protection, description,
                                           encryption_state, cedar_version, created_us, updated_us, version)
                VALUES (@account, @region, @id, @mode, @protection, @description, @encryption, @cedar, @created, @created, 1);
                """))
            {
                insert.Parameters.AddWithValue("@id", store.PolicyStoreId);
                insert.Parameters.AddWithValue("@mode", store.ValidationMode);
                insert.Parameters.AddWithValue("@protection", store.DeletionProtection);
                insert.Parameters.AddWithValue("@description", (object?)store.Description ?? DBNull.Value);
                insert.Parameters.AddWithValue("@encryption", store.EncryptionStateJson);
                insert.Parameters.AddWithValue("@cedar", store.CedarVersion);
                insert.Parameters.AddWithValue("@created", StorageTime.ToMicros(store.CreatedDate));
                insert.ExecuteNonQuery();
            }

            foreach (var (key, value) in store.Tags)
            {
                UpsertTag(connection, transaction, tenant, store.PolicyStoreId, key, value);
            }

            var created = new PolicyStoreRecord(
                tenant, store.PolicyStoreId, store.ValidationMode, store.DeletionProtection, store.Description,
                store.EncryptionStateJson, store.CedarVersion, store.CreatedDate, store.CreatedDate, 1);
            var response = renderResponse(created);
            if (idempotencyKey is not null)
            {
                ClientTokens.Record(connection, transaction, tenant, idempotencyKey, store.PolicyStoreId, response, store.CreatedDate);
            }

            return new IdempotentCreateResult(IdempotentCreateStatus.Created, store.PolicyStoreId, response);
        }, cancellationToken);

    public ValueTask<PolicyStoreRecord?> GetAsync(Tenant tenant, string policyStoreId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(storage.Read(connection => FindStore(connection, null, tenant, policyStoreId)));

    public ValueTask<Page<PolicyStoreRecord>> ListAsync(Tenant tenant, long? afterPosition, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult(storage.Read(connection =>
        {
            using var command = Command(connection, null, tenant, $"""
                SELECT {StoreColumns} FROM policy_stores
                WHERE account = @account AND region = @region AND seq > @after
                ORDER BY seq LIMIT @limit;
                """);
            command.Parameters.AddWithValue("@after", afterPosition ?? 0);
            command.Parameters.AddWithValue("@limit", limit + 1);
            return ReadPage(command, limit, reader => ReadStore(reader, tenant));
        }));

    public ValueTask<PolicyStoreRecord?> UpdateAsync(Tenant tenant, string policyStoreId, PolicyStoreUpdate update, CancellationToken cancellationToken) =>
        storage.WriteAsync((connection, transaction) =>
        {
            var existing = FindStore(connection, transaction, tenant, policyStoreId);
            if (existing is null)
            {
                return null;
            }

            // A change of validation mode changes which writes are accepted later; it cannot change an answer by
            // itself, but compiled-state caches keyed by version stay simplest if every store write bumps it.
            var updated = existing with
            {
                ValidationMode = update.ValidationMode,
                DeletionProtection = update.DeletionProtection ?? existing.DeletionProtection,
                Description = update.Description ?? existing.Description,
                LastUpdatedDate = update.LastUpdatedDate,
                Version = existing.Version + 1,
            };
            using var command = Command(connection, transaction, tenant, """
                UPDATE policy_stores
                SET validation_mode = @mode, deletion_protection = @protection, description = @description,
                    updated_us = @updated, version = @version
                WHERE account = @account AND region = @region AND policy_store_id = @id;
                """);
            command.Parameters.AddWithValue("@id", policyStoreId);
            command.Parameters.AddWithValue("@mode", updated.ValidationMode);
            command.Parameters.AddWithValue("@protection", updated.DeletionProtection);
            command.Parameters.AddWithValue("@description", (object?)updated.Description ?? DBNull.Value);
            command.Parameters.AddWithValue("@updated", StorageTime.ToMicros(updated.LastUpdatedDate));
            command.Parameters.AddWithValue("@version", updated.Version);
            command.ExecuteNonQuery();
            return updated;
        }, cancellationToken);

    public ValueTask<DeletePolicyStoreStatus> DeleteAsync(Tenant tenant, string policyStoreId, DateTimeOffset now, CancellationToken cancellationToken) =>
        storage.WriteAsync((connection, transaction) =>
        {
            var existing = FindStore(connection, transaction, tenant, policyStoreId);
            if (existing is null)
            {
                return DeletePolicyStoreStatus.NotFound;
            }

            if (existing.DeletionProtection == "ENABLED")
            {
                return DeletePolicyStoreStatus.DeletionProtected;
            }

            foreach (var sql in (string[])[
                "DELETE FROM policy_stores WHERE account = @account AND region = @region AND policy_store_id = @id;",
                "DELETE FROM policy_store_tags WHERE account = @account AND region = @region AND policy_store_id = @id;",
                "DELETE FROM policies WHERE account = @account AND region = @region AND policy_store_id = @id;",
                "DELETE FROM policy_templates WHERE account = @account AND region = @region AND policy_store_id = @id;",
                "DELETE FROM schemas WHERE account = @account AND region = @region AND policy_store_id = @id;",
                """
                UPDATE policy_store_aliases SET state = 'PendingDeletion', deletion_us = @now
                WHERE account = @account AND region = @region AND policy_store_id = @id AND state = 'Active';
                """])
            {
                using var command = Command(connection, transaction, tenant, sql);
                command.Parameters.AddWithValue("@id", policyStoreId);
                if (sql.Contains("@now", StringComparison.Ordinal))
                {
                    command.Parameters.AddWithValue("@now", StorageTime.ToMicros(now));
                }

                command.ExecuteNonQuery();
            }

            return DeletePolicyStoreStatus.Deleted;
        }, cancellationToken);

    public ValueTask<IReadOnlyDictionary<string, string>?> GetTagsAsync(Tenant tenant, string policyStoreId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(storage.Read<IReadOnlyDictionary<string, string>?>(connection =>
            FindStore(connection, null, tenant, policyStoreId) is null ? null : ReadTags(connection, null, tenant, policyStoreId)));

    public ValueTask<TagStatus> TagAsync(
        Tenant tenant, string policyStoreId, IReadOnlyDictionary<string, string> tags, int maxTags, CancellationToken cancellationToken) =>
        storage.WriteAsync((connection, transaction) =>
        {
            if (FindStore(connection, transaction, tenant, policyStoreId) is null)
            {
                return TagStatus.StoreNotFound;
            }

            var current = ReadTags(connection, transaction, tenant, policyStoreId);
            var resulting = current.Keys.Union(tags.Keys, StringComparer.Ordinal).Count();
            if (resulting > maxTags)
            {
                return TagStatus.TooManyTags;
            }

            foreach (var (key, value) in tags)
            {
                UpsertTag(connection, transaction, tenant, policyStoreId, key, value);
            }

            return TagStatus.Done;
        }, cancellationToken);

    public ValueTask<TagStatus> UntagAsync(Tenant tenant, string policyStoreId, IReadOnlyCollection<string> tagKeys, CancellationToken cancellationToken) =>
        storage.WriteAsync((connection, transaction) =>
        {
            if (FindStore(connection, transaction, tenant, policyStoreId) is null)
            {
                return TagStatus.StoreNotFound;
            }

            foreach (var key in tagKeys)
            {
                using var command = Command(connection, transaction, tenant,
                    "DELETE FROM policy_store_tags WHERE account = @account AND region = @region AND policy_store_id = @id AND tag_key = @key;");
                command.Parameters.AddWithValue("@id", policyStoreId);
                command.Parameters.AddWithValue("@key", key);
                command.ExecuteNonQuery();
            }

            return TagStatus.Done;
        }, cancellationToken);

    public ValueTask<(IdempotentCreateStatus Status, PolicyStoreAliasRecord? Alias)> CreateAliasAsync(
        Tenant tenant, string aliasName, string policyStoreId, DateTimeOffset now, int maxAliasesPerStore, CancellationToken cancellationToken) =>
        storage.WriteAsync<(IdempotentCreateStatus, PolicyStoreAliasRecord?)>((connection, transaction) =>
        {
            var existing = FindAlias(connection, transaction, tenant, aliasName);
            if (existing is not null)
            {
                return existing.State == AliasState.Active && existing.PolicyStoreId == policyStoreId
                    ? (IdempotentCreateStatus.Replayed, existing)
                    : (IdempotentCreateStatus.NameConflict, existing);
            }

            if (FindStore(connection, transaction, tenant, policyStoreId) is null)
            {
                return (IdempotentCreateStatus.ParentNotFound, null);
            }

            using (var count = Command(connection, transaction, tenant,
                "SELECT COUNT(*) FROM policy_store_aliases WHERE account = @account AND region = @region AND policy_store_id = @id AND state = 'Active';"))
            {
                count.Parameters.AddWithValue("@id", policyStoreId);
                if ((long)count.ExecuteScalar()! >= maxAliasesPerStore)
                {
                    return (IdempotentCreateStatus.QuotaExceeded, null);
                }
            }

            using var insert = Command(connection, transaction, tenant, """
                INSERT INTO policy_store_aliases (account, region, alias_name, policy_store_id, created_us, state, deletion_us)
                VALUES (@account, @region, @alias, @id, @now, 'Active', NULL);
                """);
            insert.Parameters.AddWithValue("@alias", aliasName);
            insert.Parameters.AddWithValue("@id", policyStoreId);
            insert.Parameters.AddWithValue("@now", StorageTime.ToMicros(now));
            insert.ExecuteNonQuery();
            return (IdempotentCreateStatus.Created, new PolicyStoreAliasRecord(tenant, aliasName, policyStoreId, now, AliasState.Active, null));
        }, cancellationToken);

    public ValueTask<PolicyStoreAliasRecord?> GetAliasAsync(Tenant tenant, string aliasName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(storage.Read(connection => FindAlias(connection, null, tenant, aliasName)));

    public ValueTask<Page<PolicyStoreAliasRecord>> ListAliasesAsync(
        Tenant tenant, string? policyStoreId, long? afterPosition, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult(storage.Read(connection =>
        {
            using var command = Command(connection, null, tenant, $"""
                SELECT {AliasColumns} FROM policy_store_aliases
                WHERE account = @account AND region = @region AND seq > @after AND (@id::text IS NULL OR policy_store_id = @id::text)
                ORDER BY seq LIMIT @limit;
                """);
            command.Parameters.AddWithValue("@after", afterPosition ?? 0);
            command.Parameters.AddWithValue("@id", (object?)policyStoreId ?? DBNull.Value);
            command.Parameters.AddWithValue("@limit", limit + 1);
            return ReadPage(command, limit, reader => ReadAlias(reader, tenant));
        }));

    public ValueTask<bool> DeleteAliasAsync(Tenant tenant, string aliasName, DateTimeOffset now, CancellationToken cancellationToken) =>
        storage.WriteAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction, tenant, """
                UPDATE policy_store_aliases SET state = 'PendingDeletion', deletion_us = @now
                WHERE account = @account AND region = @region AND alias_name = @alias AND state = 'Active';
                """);
            command.Parameters.AddWithValue("@alias", aliasName);
            command.Parameters.AddWithValue("@now", StorageTime.ToMicros(now));
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    public ValueTask<int> PurgeDeletedAliasesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        storage.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM policy_store_aliases WHERE state = 'PendingDeletion' AND deletion_us < @before;";
            command.Parameters.AddWithValue("@before", StorageTime.ToMicros(olderThan));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, Tenant tenant, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@account", tenant.Account);
        command.Parameters.AddWithValue("@region", tenant.Region);
        return command;
    }

    private static PolicyStoreRecord? FindStore(NpgsqlConnection connection, NpgsqlTransaction? transaction, Tenant tenant, string policyStoreId)
    {
        using var command = Command(connection, transaction, tenant,
            $"SELECT {StoreColumns} FROM policy_stores WHERE account = @account AND region = @region AND policy_store_id = @id;");
        command.Parameters.AddWithValue("@id", policyStoreId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadStore(reader, tenant) : null;
    }

    private static PolicyStoreAliasRecord? FindAlias(NpgsqlConnection connection, NpgsqlTransaction? transaction, Tenant tenant, string aliasName)
    {
        using var command = Command(connection, transaction, tenant,
            $"SELECT {AliasColumns} FROM policy_store_aliases WHERE account = @account AND region = @region AND alias_name = @alias;");
        command.Parameters.AddWithValue("@alias", aliasName);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadAlias(reader, tenant) : null;
    }

    private static PolicyStoreRecord ReadStore(NpgsqlDataReader reader, Tenant tenant) => new(
        tenant,
        PolicyStoreId: reader.GetString(1),
        ValidationMode: reader.GetString(2),
        DeletionProtection: reader.GetString(3),
        Description: reader.IsDBNull(4) ? null : reader.GetString(4),
        EncryptionStateJson: reader.GetString(5),
        CedarVersion: reader.GetString(6),
        CreatedDate: StorageTime.FromMicros(reader.GetInt64(7)),
        LastUpdatedDate: StorageTime.FromMicros(reader.GetInt64(8)),
        Version: reader.GetInt64(9));

    private static PolicyStoreAliasRecord ReadAlias(NpgsqlDataReader reader, Tenant tenant) => new(
        tenant,
        AliasName: reader.GetString(1),
        PolicyStoreId: reader.GetString(2),
        CreatedAt: StorageTime.FromMicros(reader.GetInt64(3)),
        State: reader.GetString(4) == "Active" ? AliasState.Active : AliasState.PendingDeletion,
        DeletionRequestedAt: reader.IsDBNull(5) ? null : StorageTime.FromMicros(reader.GetInt64(5)));

    private static Page<T> ReadPage<T>(NpgsqlCommand command, int limit, Func<NpgsqlDataReader, T> read)
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

    private static Dictionary<string, string> ReadTags(NpgsqlConnection connection, NpgsqlTransaction? transaction, Tenant tenant, string policyStoreId)
    {
        using var command = Command(connection, transaction, tenant,
            "SELECT tag_key, tag_value FROM policy_store_tags WHERE account = @account AND region = @region AND policy_store_id = @id ORDER BY tag_key;");
        command.Parameters.AddWithValue("@id", policyStoreId);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            tags[reader.GetString(0)] = reader.GetString(1);
        }

        return tags;
    }

    private static void UpsertTag(NpgsqlConnection connection, NpgsqlTransaction transaction, Tenant tenant, string policyStoreId, string key, string value)
    {
        using var command = Command(connection, transaction, tenant, """
            INSERT INTO policy_store_tags (account, region, policy_store_id, tag_key, tag_value) VALUES (@account, @region, @id, @key, @value)
            ON CONFLICT (account, region, policy_store_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value;
            """);
        command.Parameters.AddWithValue("@id", policyStoreId);
        command.Parameters.AddWithValue("@key", key);
        command.Parameters.AddWithValue("@value", value);
        command.ExecuteNonQuery();
    }
}
