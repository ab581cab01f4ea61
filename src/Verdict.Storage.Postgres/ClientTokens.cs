using Npgsql;

namespace Verdict.Storage.Postgres;

/// <summary>Client-token bookkeeping shared by every idempotent create; runs inside the create's own transaction.</summary>
internal static class ClientTokens
{
    /// <summary>The earlier outcome for this token, or null when the token is new (or older than its window, in which case it is forgotten).</summary>
    public static IdempotentCreateResult? Find(NpgsqlConnection connection, NpgsqlTransaction transaction, Tenant tenant, IdempotencyKey key)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT fingerprint, resource_id, response, created_us FROM client_tokens
            WHERE account = @account AND region = @region AND operation = @operation AND token = @token;
            """;
        AddKey(command, tenant, key);
        string fingerprint, resourceId, response;
        long createdUs;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            fingerprint = reader.GetString(0);
            resourceId = reader.GetString(1);
            response = reader.GetString(2);
            createdUs = reader.GetInt64(3);
        }

        if (PostgresTime.FromMicros(createdUs) < key.NotBefore)
        {
            using var forget = connection.CreateCommand();
            forget.Transaction = transaction;
            forget.CommandText = "DELETE FROM client_tokens WHERE account = @account AND region = @region AND operation = @operation AND token = @token;";
            AddKey(forget, tenant, key);
            forget.ExecuteNonQuery();
            return null;
        }

        return fingerprint == key.Fingerprint
            ? new IdempotentCreateResult(IdempotentCreateStatus.Replayed, resourceId, response)
            : new IdempotentCreateResult(IdempotentCreateStatus.TokenConflict, resourceId, null);
    }

    public static void Record(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Tenant tenant, IdempotencyKey key, string resourceId, string response, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO client_tokens (account, region, operation, token, fingerprint, resource_id, response, created_us)
            VALUES (@account, @region, @operation, @token, @fingerprint, @resource, @response, @created);
            """;
        AddKey(command, tenant, key);
        command.Parameters.AddWithValue("@fingerprint", key.Fingerprint);
        command.Parameters.AddWithValue("@resource", resourceId);
        command.Parameters.AddWithValue("@response", response);
        command.Parameters.AddWithValue("@created", PostgresTime.ToMicros(now));
        command.ExecuteNonQuery();
    }

    private static void AddKey(NpgsqlCommand command, Tenant tenant, IdempotencyKey key)
    {
        command.Parameters.AddWithValue("@account", tenant.Account);
        command.Parameters.AddWithValue("@region", tenant.Region);
        command.Parameters.AddWithValue("@operation", key.Operation);
        command.Parameters.AddWithValue("@token", key.Token);
    }
}
