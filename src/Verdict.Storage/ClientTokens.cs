using System.Data.Common;

namespace Verdict.Storage;

/// <summary>
/// Client-token bookkeeping shared by every idempotent create of every backend; runs inside the create's own
/// transaction. Parameters use the <c>@name</c> form, which SQLite and PostgreSQL both accept.
/// </summary>
public static class ClientTokens
{
    /// <summary>The earlier outcome for this token, or null when the token is new (or older than its window, in which case it is forgotten).</summary>
    public static IdempotentCreateResult? Find(DbConnection connection, DbTransaction transaction, Tenant tenant, IdempotencyKey key)
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

        if (StorageTime.FromMicros(createdUs) < key.NotBefore)
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
        DbConnection connection, DbTransaction transaction, Tenant tenant, IdempotencyKey key, string resourceId, string response, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO client_tokens (account, region, operation, token, fingerprint, resource_id, response, created_us)
            VALUES (@account, @region, @operation, @token, @fingerprint, @resource, @response, @created);
            """;
        AddKey(command, tenant, key);
        Add(command, "@fingerprint", key.Fingerprint);
        Add(command, "@resource", resourceId);
        Add(command, "@response", response);
        Add(command, "@created", StorageTime.ToMicros(now));
        command.ExecuteNonQuery();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static void AddKey(DbCommand command, Tenant tenant, IdempotencyKey key)
    {
        Add(command, "@account", tenant.Account);
        Add(command, "@region", tenant.Region);
        Add(command, "@operation", key.Operation);
        Add(command, "@token", key.Token);
    }
}
