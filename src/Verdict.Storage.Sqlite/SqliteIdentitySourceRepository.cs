using Microsoft.Data.Sqlite;

namespace Verdict.Storage.Sqlite;

internal sealed class SqliteIdentitySourceRepository(SqliteVerdictStorage storage) : IIdentitySourceRepository
{
    private const string Columns = "seq, policy_store_id, identity_source_id, principal_entity_type, configuration, created_us, updated_us";

    public ValueTask<IdempotentCreateResult> CreateAsync(
        IdentitySourceRecord identitySource, int maxPerPolicyStore, IdempotencyKey? idempotencyKey,
        Func<IdentitySourceRecord, string> renderResponse, CancellationToken cancellationToken) =>
        storage.WriteAsync((connection, transaction) =>
        {
            var tenant = identitySource.Tenant;
            if (idempotencyKey is not null && ClientTokens.Find(connection, transaction, tenant, idempotencyKey) is { } earlier)
            {
                return earlier;
            }

            using (var store = Command(connection, transaction, tenant,
                "SELECT COUNT(*) FROM policy_stores WHERE account = $account AND region = $region AND policy_store_id = $store;"))
            {
                store.Parameters.AddWithValue("$store", identitySource.PolicyStoreId);
                if ((long)store.ExecuteScalar()! == 0)
                {
                    return new IdempotentCreateResult(IdempotentCreateStatus.ParentNotFound, null, null);
                }
            }

            using (var count = Command(connection, transaction, tenant,
                "SELECT COUNT(*) FROM identity_sources WHERE account = $account AND region = $region AND policy_store_id = $store;"))
            {
                count.Parameters.AddWithValue("$store", identitySource.PolicyStoreId);
                if ((long)count.ExecuteScalar()! >= maxPerPolicyStore)
                {
                    return new IdempotentCreateResult(IdempotentCreateStatus.QuotaExceeded, null, null);
                }
            }

            using (var insert = Command(connection, transaction, tenant, """
                INSERT INTO identity_sources (account, region, policy_store_id, identity_source_id, principal_entity_type, configuration, created_us, updated_us)
                VALUES ($account, $region, $store, $id, $principal, $configuration, $created, $updated);
                """))
            {
                AddFields(insert, identitySource);
                insert.Parameters.AddWithValue("$created", StorageTime.ToMicros(identitySource.CreatedDate));
                insert.ExecuteNonQuery();
            }

            var response = renderResponse(identitySource);
            if (idempotencyKey is not null)
            {
                ClientTokens.Record(connection, transaction, tenant, idempotencyKey, identitySource.IdentitySourceId, response, identitySource.CreatedDate);
            }

            return new IdempotentCreateResult(IdempotentCreateStatus.Created, identitySource.IdentitySourceId, response);
        }, cancellationToken);

    public ValueTask<IdentitySourceRecord?> GetAsync(Tenant tenant, string policyStoreId, string identitySourceId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(storage.Read(connection => Find(connection, null, tenant, policyStoreId, identitySourceId)));

    public ValueTask<IdentitySourceRecord?> GetForPolicyStoreAsync(Tenant tenant, string policyStoreId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(storage.Read(connection =>
        {
            using var command = Command(connection, null, tenant, $"""
                SELECT {Columns} FROM identity_sources
                WHERE account = $account AND region = $region AND policy_store_id = $store
                ORDER BY seq LIMIT 1;
                """);
            command.Parameters.AddWithValue("$store", policyStoreId);
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader, tenant) : null;
        }));

    public ValueTask<Page<IdentitySourceRecord>> ListAsync(
        Tenant tenant, string policyStoreId, string? principalEntityType, long? afterPosition, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult(storage.Read(connection =>
        {
            using var command = Command(connection, null, tenant, $"""
                SELECT {Columns} FROM identity_sources
                WHERE account = $account AND region = $region AND policy_store_id = $store AND seq > $after
                  AND ($principal IS NULL OR principal_entity_type = $principal)
                ORDER BY seq LIMIT $limit;
                """);
            command.Parameters.AddWithValue("$store", policyStoreId);
            command.Parameters.AddWithValue("$principal", (object?)principalEntityType ?? DBNull.Value);
            command.Parameters.AddWithValue("$after", afterPosition ?? 0);
            command.Parameters.AddWithValue("$limit", limit + 1);
            var items = new List<IdentitySourceRecord>();
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

                lastSeq = reader.GetInt64(0);
                items.Add(Read(reader, tenant));
            }

            return new Page<IdentitySourceRecord>(items, more ? lastSeq : null);
        }));

    public ValueTask<(ChangeStatus Status, IdentitySourceRecord? IdentitySource)> UpdateAsync(
        Tenant tenant, string policyStoreId, string identitySourceId, Func<IdentitySourceRecord, IdentitySourceRecord> change, CancellationToken cancellationToken) =>
        storage.WriteAsync<(ChangeStatus, IdentitySourceRecord?)>((connection, transaction) =>
        {
            var existing = Find(connection, transaction, tenant, policyStoreId, identitySourceId);
            if (existing is null)
            {
                return (ChangeStatus.NotFound, null);
            }

            // The identity of the source never changes, whatever the callback returns.
            var updated = change(existing) with
            {
                Tenant = tenant,
                PolicyStoreId = existing.PolicyStoreId,
                IdentitySourceId = existing.IdentitySourceId,
                CreatedDate = existing.CreatedDate,
            };
            using var command = Command(connection, transaction, tenant, """
                UPDATE identity_sources
                SET principal_entity_type = $principal, configuration = $configuration, updated_us = $updated
                WHERE account = $account AND region = $region AND policy_store_id = $store AND identity_source_id = $id;
                """);
            AddFields(command, updated);
            command.ExecuteNonQuery();
            return (ChangeStatus.Done, updated);
        }, cancellationToken);

    public ValueTask<bool> DeleteAsync(Tenant tenant, string policyStoreId, string identitySourceId, CancellationToken cancellationToken) =>
        storage.WriteAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction, tenant,
                "DELETE FROM identity_sources WHERE account = $account AND region = $region AND policy_store_id = $store AND identity_source_id = $id;");
            command.Parameters.AddWithValue("$store", policyStoreId);
            command.Parameters.AddWithValue("$id", identitySourceId);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    private static IdentitySourceRecord? Find(SqliteConnection connection, SqliteTransaction? transaction, Tenant tenant, string policyStoreId, string identitySourceId)
    {
        using var command = Command(connection, transaction, tenant, $"""
            SELECT {Columns} FROM identity_sources
            WHERE account = $account AND region = $region AND policy_store_id = $store AND identity_source_id = $id;
            """);
        command.Parameters.AddWithValue("$store", policyStoreId);
        command.Parameters.AddWithValue("$id", identitySourceId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader, tenant) : null;
    }

    private static void AddFields(SqliteCommand command, IdentitySourceRecord identitySource)
    {
        command.Parameters.AddWithValue("$store", identitySource.PolicyStoreId);
        command.Parameters.AddWithValue("$id", identitySource.IdentitySourceId);
        command.Parameters.AddWithValue("$principal", identitySource.PrincipalEntityType);
        command.Parameters.AddWithValue("$configuration", identitySource.ConfigurationJson);
        command.Parameters.AddWithValue("$updated", StorageTime.ToMicros(identitySource.LastUpdatedDate));
    }

    private static IdentitySourceRecord Read(SqliteDataReader reader, Tenant tenant) => new(
        tenant,
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        StorageTime.FromMicros(reader.GetInt64(5)),
        StorageTime.FromMicros(reader.GetInt64(6)));

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, Tenant tenant, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$account", tenant.Account);
        command.Parameters.AddWithValue("$region", tenant.Region);
        return command;
    }
}
