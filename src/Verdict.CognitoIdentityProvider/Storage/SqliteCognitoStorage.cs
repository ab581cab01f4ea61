using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Verdict.CognitoIdentityProvider.Common;

namespace Verdict.CognitoIdentityProvider.Storage;

/// <summary>
/// Cognito data in its own SQLite file. WAL journal with <c>synchronous=FULL</c>, so an acknowledged write survives a
/// crash; writes are serialized in-process, reads use pooled connections. The schema is created on first use.
/// </summary>
public sealed class SqliteCognitoStorage : ICognitoStorage, IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    public SqliteCognitoStorage(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    public void Dispose()
    {
        _writeLock.Dispose();
        _initLock.Dispose();
    }

    public async ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            var directory = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = OpenRaw();
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_us INTEGER NOT NULL);");
            var applied = new HashSet<long>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT version FROM schema_migrations;";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    applied.Add(reader.GetInt64(0));
                }
            }

            var newest = CognitoMigrations.All.Max(m => m.Version);
            if (applied.Count > 0 && applied.Max() > newest)
            {
                throw new InvalidOperationException(
                    $"The database {DatabasePath} has migration {applied.Max()} applied, newer than this build knows ({newest}).");
            }

            foreach (var (version, name, sql) in CognitoMigrations.All)
            {
                if (applied.Contains(version))
                {
                    continue;
                }

                using var transaction = connection.BeginTransaction();
                Execute(connection, sql, transaction);
                Execute(connection, "INSERT INTO schema_migrations (version, name, applied_us) VALUES ($v, $n, $t);", transaction,
                    ("$v", version), ("$n", name), ("$t", Timestamps.ToMicros(DateTimeOffset.UtcNow)));
                transaction.Commit();
            }

            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    // ---- pools ----
    private const string PoolColumns = "account, region, user_pool_id, name, created_us, updated_us, config";

    public ValueTask CreateUserPoolAsync(UserPoolRecord pool, IReadOnlyList<SigningKeyRecord> keys, CancellationToken cancellationToken) =>
        WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, $"INSERT INTO user_pools ({PoolColumns}) VALUES ($a, $r, $id, $n, $c, $u, $cfg);", transaction,
                ("$a", pool.Account), ("$r", pool.Region), ("$id", pool.UserPoolId), ("$n", pool.Name),
                ("$c", Timestamps.ToMicros(pool.CreatedAt)), ("$u", Timestamps.ToMicros(pool.UpdatedAt)), ("$cfg", pool.Config.ToJsonString()));
            foreach (var key in keys)
            {
                Execute(connection, "INSERT INTO signing_keys (user_pool_id, kid, use, private_key, created_us) VALUES ($p, $k, $use, $key, $c);", transaction,
                    ("$p", key.UserPoolId), ("$k", key.Kid), ("$use", key.Use), ("$key", key.PrivateKeyPkcs8), ("$c", Timestamps.ToMicros(key.CreatedAt)));
            }

            transaction.Commit();
            return true;
        }, cancellationToken).AsVoid();

    public ValueTask<UserPoolRecord?> GetUserPoolAsync(string account, string region, string userPoolId, CancellationToken cancellationToken) =>
        ReadOneAsync($"SELECT {PoolColumns} FROM user_pools WHERE account = $a AND region = $r AND user_pool_id = $id;", ReadPool, cancellationToken,
            ("$a", account), ("$r", region), ("$id", userPoolId));

    public ValueTask<UserPoolRecord?> FindUserPoolAsync(string userPoolId, CancellationToken cancellationToken) =>
        ReadOneAsync($"SELECT {PoolColumns} FROM user_pools WHERE user_pool_id = $id;", ReadPool, cancellationToken, ("$id", userPoolId));

    public ValueTask UpdateUserPoolAsync(UserPoolRecord pool, CancellationToken cancellationToken) =>
        ExecuteWriteAsync("UPDATE user_pools SET name = $n, updated_us = $u, config = $cfg WHERE user_pool_id = $id;", cancellationToken,
            ("$n", pool.Name), ("$u", Timestamps.ToMicros(pool.UpdatedAt)), ("$cfg", pool.Config.ToJsonString()), ("$id", pool.UserPoolId));

    public ValueTask<IReadOnlyList<UserPoolRecord>> ListUserPoolsAsync(string account, string region, CancellationToken cancellationToken) =>
        ReadManyAsync($"SELECT {PoolColumns} FROM user_pools WHERE account = $a AND region = $r ORDER BY user_pool_id;", ReadPool, cancellationToken,
            ("$a", account), ("$r", region));

    public ValueTask<bool> DeleteUserPoolAsync(string account, string region, string userPoolId, CancellationToken cancellationToken) =>
        WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var deleted = Execute(connection, "DELETE FROM user_pools WHERE account = $a AND region = $r AND user_pool_id = $id;", transaction,
                ("$a", account), ("$r", region), ("$id", userPoolId));
            if (deleted > 0)
            {
                foreach (var table in (string[])["signing_keys", "clients", "users", "groups", "group_members", "auth_sessions", "challenges"])
                {
                    Execute(connection, $"DELETE FROM {table} WHERE user_pool_id = $id;", transaction, ("$id", userPoolId));
                }
            }

            transaction.Commit();
            return deleted > 0;
        }, cancellationToken);

    public async ValueTask<int> CountUsersAsync(string userPoolId, CancellationToken cancellationToken)
    {
        var count = await ReadOneAsync("SELECT COUNT(*) FROM users WHERE user_pool_id = $p;", r => r.GetInt64(0), cancellationToken, ("$p", userPoolId)).ConfigureAwait(false);
        return (int)count;
    }

    public ValueTask<IReadOnlyList<SigningKeyRecord>> GetSigningKeysAsync(string userPoolId, CancellationToken cancellationToken) =>
        ReadManyAsync("SELECT user_pool_id, kid, use, private_key, created_us FROM signing_keys WHERE user_pool_id = $p ORDER BY use DESC;",
            r => new SigningKeyRecord(r.GetString(0), r.GetString(1), r.GetString(2), (byte[])r.GetValue(3), Timestamps.FromMicros(r.GetInt64(4))),
            cancellationToken, ("$p", userPoolId));

    private static UserPoolRecord ReadPool(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
        Timestamps.FromMicros(r.GetInt64(4)), Timestamps.FromMicros(r.GetInt64(5)), ParseObject(r.GetString(6)));

    // ---- clients ----
    private const string ClientColumns = "user_pool_id, client_id, name, secret, created_us, updated_us, config";

    public ValueTask CreateClientAsync(UserPoolClientRecord client, CancellationToken cancellationToken) =>
        ExecuteWriteAsync($"INSERT INTO clients ({ClientColumns}) VALUES ($p, $id, $n, $s, $c, $u, $cfg);", cancellationToken,
            ("$p", client.UserPoolId), ("$id", client.ClientId), ("$n", client.Name), ("$s", client.Secret),
            ("$c", Timestamps.ToMicros(client.CreatedAt)), ("$u", Timestamps.ToMicros(client.UpdatedAt)), ("$cfg", client.Config.ToJsonString()));

    public ValueTask<UserPoolClientRecord?> GetClientAsync(string userPoolId, string clientId, CancellationToken cancellationToken) =>
        ReadOneAsync($"SELECT {ClientColumns} FROM clients WHERE user_pool_id = $p AND client_id = $id;", ReadClient, cancellationToken,
            ("$p", userPoolId), ("$id", clientId));

    public ValueTask<UserPoolClientRecord?> FindClientAsync(string clientId, CancellationToken cancellationToken) =>
        ReadOneAsync($"SELECT {ClientColumns} FROM clients WHERE client_id = $id;", ReadClient, cancellationToken, ("$id", clientId));

    public ValueTask UpdateClientAsync(UserPoolClientRecord client, CancellationToken cancellationToken) =>
        ExecuteWriteAsync("UPDATE clients SET name = $n, updated_us = $u, config = $cfg WHERE client_id = $id;", cancellationToken,
            ("$n", client.Name), ("$u", Timestamps.ToMicros(client.UpdatedAt)), ("$cfg", client.Config.ToJsonString()), ("$id", client.ClientId));

    public ValueTask<IReadOnlyList<UserPoolClientRecord>> ListClientsAsync(string userPoolId, CancellationToken cancellationToken) =>
        ReadManyAsync($"SELECT {ClientColumns} FROM clients WHERE user_pool_id = $p ORDER BY client_id;", ReadClient, cancellationToken, ("$p", userPoolId));

    public ValueTask<bool> DeleteClientAsync(string userPoolId, string clientId, CancellationToken cancellationToken) =>
        WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var deleted = Execute(connection, "DELETE FROM clients WHERE user_pool_id = $p AND client_id = $id;", transaction, ("$p", userPoolId), ("$id", clientId));
            Execute(connection, "UPDATE auth_sessions SET revoked = 1 WHERE client_id = $id;", transaction, ("$id", clientId));
            transaction.Commit();
            return deleted > 0;
        }, cancellationToken);

    private static UserPoolClientRecord ReadClient(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
        Timestamps.FromMicros(r.GetInt64(4)), Timestamps.FromMicros(r.GetInt64(5)), ParseObject(r.GetString(6)));

    // ---- users ----
    private const string UserColumns =
        "user_pool_id, username, sub, enabled, status, password_hash, password_expires_us, confirmation_hash, confirmation_expires_us, attributes, created_us, updated_us";

    public ValueTask<bool> CreateUserAsync(UserRecord user, CancellationToken cancellationToken) =>
        WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var exists = Scalar(connection, "SELECT COUNT(*) FROM users WHERE user_pool_id = $p AND username = $u;", transaction,
                ("$p", user.UserPoolId), ("$u", user.Username));
            if (exists > 0)
            {
                return false;
            }

            Execute(connection, $"INSERT INTO users ({UserColumns}) VALUES ($p, $u, $sub, $e, $s, $ph, $pe, $ch, $ce, $attrs, $c, $m);", transaction, UserParameters(user));
            transaction.Commit();
            return true;
        }, cancellationToken);

    public ValueTask<UserRecord?> GetUserAsync(string userPoolId, string username, CancellationToken cancellationToken) =>
        ReadOneAsync($"SELECT {UserColumns} FROM users WHERE user_pool_id = $p AND username = $u;", ReadUser, cancellationToken,
            ("$p", userPoolId), ("$u", username));

    public ValueTask UpdateUserAsync(UserRecord user, CancellationToken cancellationToken) =>
        ExecuteWriteAsync(
            "UPDATE users SET sub = $sub, enabled = $e, status = $s, password_hash = $ph, password_expires_us = $pe, confirmation_hash = $ch, confirmation_expires_us = $ce, " +
            "attributes = $attrs, created_us = $c, updated_us = $m WHERE user_pool_id = $p AND username = $u;",
            cancellationToken, UserParameters(user));

    public ValueTask<IReadOnlyList<UserRecord>> ListUsersAsync(string userPoolId, CancellationToken cancellationToken) =>
        ReadManyAsync($"SELECT {UserColumns} FROM users WHERE user_pool_id = $p ORDER BY username;", ReadUser, cancellationToken, ("$p", userPoolId));

    public ValueTask<bool> DeleteUserAsync(string userPoolId, string username, CancellationToken cancellationToken) =>
        WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var deleted = Execute(connection, "DELETE FROM users WHERE user_pool_id = $p AND username = $u;", transaction, ("$p", userPoolId), ("$u", username));
            Execute(connection, "DELETE FROM group_members WHERE user_pool_id = $p AND username = $u;", transaction, ("$p", userPoolId), ("$u", username));
            Execute(connection, "UPDATE auth_sessions SET revoked = 1 WHERE user_pool_id = $p AND username = $u;", transaction, ("$p", userPoolId), ("$u", username));
            Execute(connection, "DELETE FROM challenges WHERE user_pool_id = $p AND username = $u;", transaction, ("$p", userPoolId), ("$u", username));
            transaction.Commit();
            return deleted > 0;
        }, cancellationToken);

    private static (string, object?)[] UserParameters(UserRecord user)
    {
        var attributes = new JsonObject();
        foreach (var (name, value) in user.Attributes)
        {
            attributes[name] = value;
        }

        return
        [
            ("$p", user.UserPoolId), ("$u", user.Username), ("$sub", user.Sub), ("$e", user.Enabled ? 1 : 0), ("$s", user.Status),
            ("$ph", user.PasswordHash), ("$pe", user.PasswordExpiresAt is { } expires ? Timestamps.ToMicros(expires) : null),
            ("$ch", user.ConfirmationCodeHash), ("$ce", user.ConfirmationCodeExpiresAt is { } codeExpires ? Timestamps.ToMicros(codeExpires) : null), ("$attrs", attributes.ToJsonString()),
            ("$c", Timestamps.ToMicros(user.CreatedAt)), ("$m", Timestamps.ToMicros(user.UpdatedAt)),
        ];
    }

    private static UserRecord ReadUser(SqliteDataReader r)
    {
        var attributes = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in ParseObject(r.GetString(9)))
        {
            attributes.Add(new(name, value.AsString() ?? ""));
        }

        return new UserRecord(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3) != 0, r.GetString(4),
            r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : Timestamps.FromMicros(r.GetInt64(6)),
            r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : Timestamps.FromMicros(r.GetInt64(8)), attributes,
            Timestamps.FromMicros(r.GetInt64(10)), Timestamps.FromMicros(r.GetInt64(11)));
    }

    // ---- groups ----
    private const string GroupColumns = "user_pool_id, group_name, description, role_arn, precedence, created_us, updated_us";

    public ValueTask<bool> CreateGroupAsync(GroupRecord group, CancellationToken cancellationToken) =>
        WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            if (Scalar(connection, "SELECT COUNT(*) FROM groups WHERE user_pool_id = $p AND group_name = $g;", transaction,
                    ("$p", group.UserPoolId), ("$g", group.GroupName)) > 0)
            {
                return false;
            }

            Execute(connection, $"INSERT INTO groups ({GroupColumns}) VALUES ($p, $g, $d, $r, $pr, $c, $u);", transaction, GroupParameters(group));
            transaction.Commit();
            return true;
        }, cancellationToken);

    public ValueTask<GroupRecord?> GetGroupAsync(string userPoolId, string groupName, CancellationToken cancellationToken) =>
        ReadOneAsync($"SELECT {GroupColumns} FROM groups WHERE user_pool_id = $p AND group_name = $g;", ReadGroup, cancellationToken,
            ("$p", userPoolId), ("$g", groupName));

    public ValueTask UpdateGroupAsync(GroupRecord group, CancellationToken cancellationToken) =>
        ExecuteWriteAsync("UPDATE groups SET description = $d, role_arn = $r, precedence = $pr, created_us = $c, updated_us = $u WHERE user_pool_id = $p AND group_name = $g;",
            cancellationToken, GroupParameters(group));

    public ValueTask<IReadOnlyList<GroupRecord>> ListGroupsAsync(string userPoolId, CancellationToken cancellationToken) =>
        ReadManyAsync($"SELECT {GroupColumns} FROM groups WHERE user_pool_id = $p ORDER BY group_name;", ReadGroup, cancellationToken, ("$p", userPoolId));

    public ValueTask<bool> DeleteGroupAsync(string userPoolId, string groupName, CancellationToken cancellationToken) =>
        WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var deleted = Execute(connection, "DELETE FROM groups WHERE user_pool_id = $p AND group_name = $g;", transaction, ("$p", userPoolId), ("$g", groupName));
            Execute(connection, "DELETE FROM group_members WHERE user_pool_id = $p AND group_name = $g;", transaction, ("$p", userPoolId), ("$g", groupName));
            transaction.Commit();
            return deleted > 0;
        }, cancellationToken);

    public ValueTask AddUserToGroupAsync(string userPoolId, string groupName, string username, CancellationToken cancellationToken) =>
        ExecuteWriteAsync("INSERT OR IGNORE INTO group_members (user_pool_id, group_name, username) VALUES ($p, $g, $u);", cancellationToken,
            ("$p", userPoolId), ("$g", groupName), ("$u", username));

    public ValueTask RemoveUserFromGroupAsync(string userPoolId, string groupName, string username, CancellationToken cancellationToken) =>
        ExecuteWriteAsync("DELETE FROM group_members WHERE user_pool_id = $p AND group_name = $g AND username = $u;", cancellationToken,
            ("$p", userPoolId), ("$g", groupName), ("$u", username));

    public ValueTask<IReadOnlyList<GroupRecord>> ListGroupsForUserAsync(string userPoolId, string username, CancellationToken cancellationToken) =>
        ReadManyAsync(
            "SELECT g.user_pool_id, g.group_name, g.description, g.role_arn, g.precedence, g.created_us, g.updated_us FROM groups g " +
            "JOIN group_members m ON m.user_pool_id = g.user_pool_id AND m.group_name = g.group_name " +
            "WHERE m.user_pool_id = $p AND m.username = $u ORDER BY g.group_name;",
            ReadGroup, cancellationToken, ("$p", userPoolId), ("$u", username));

    public ValueTask<IReadOnlyList<UserRecord>> ListUsersInGroupAsync(string userPoolId, string groupName, CancellationToken cancellationToken) =>
        ReadManyAsync(
            "SELECT u.user_pool_id, u.username, u.sub, u.enabled, u.status, u.password_hash, u.password_expires_us, u.confirmation_hash, u.confirmation_expires_us, u.attributes, u.created_us, u.updated_us " +
            "FROM users u JOIN group_members m ON m.user_pool_id = u.user_pool_id AND m.username = u.username " +
            "WHERE m.user_pool_id = $p AND m.group_name = $g ORDER BY u.username;",
            ReadUser, cancellationToken, ("$p", userPoolId), ("$g", groupName));

    private static (string, object?)[] GroupParameters(GroupRecord group) =>
    [
        ("$p", group.UserPoolId), ("$g", group.GroupName), ("$d", group.Description), ("$r", group.RoleArn), ("$pr", group.Precedence),
        ("$c", Timestamps.ToMicros(group.CreatedAt)), ("$u", Timestamps.ToMicros(group.UpdatedAt)),
    ];

    private static GroupRecord ReadGroup(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
        r.IsDBNull(4) ? null : (int)r.GetInt64(4), Timestamps.FromMicros(r.GetInt64(5)), Timestamps.FromMicros(r.GetInt64(6)));

    // ---- sessions and challenges ----
    private const string SessionColumns = "origin_jti, user_pool_id, client_id, username, refresh_hash, auth_time_us, expires_us, revoked";

    public ValueTask CreateAuthSessionAsync(AuthSessionRecord session, CancellationToken cancellationToken) =>
        ExecuteWriteAsync($"INSERT INTO auth_sessions ({SessionColumns}) VALUES ($o, $p, $c, $u, $h, $a, $e, $r);", cancellationToken,
            ("$o", session.OriginJti), ("$p", session.UserPoolId), ("$c", session.ClientId), ("$u", session.Username), ("$h", session.RefreshTokenHash),
            ("$a", Timestamps.ToMicros(session.AuthTime)), ("$e", Timestamps.ToMicros(session.ExpiresAt)), ("$r", session.Revoked ? 1 : 0));

    public ValueTask<AuthSessionRecord?> GetAuthSessionAsync(string originJti, CancellationToken cancellationToken) =>
        ReadOneAsync($"SELECT {SessionColumns} FROM auth_sessions WHERE origin_jti = $o;", ReadSession, cancellationToken, ("$o", originJti));

    public ValueTask<AuthSessionRecord?> FindAuthSessionByRefreshTokenAsync(string refreshTokenHash, CancellationToken cancellationToken) =>
        ReadOneAsync($"SELECT {SessionColumns} FROM auth_sessions WHERE refresh_hash = $h;", ReadSession, cancellationToken, ("$h", refreshTokenHash));

    public ValueTask RevokeAuthSessionAsync(string originJti, CancellationToken cancellationToken) =>
        ExecuteWriteAsync("UPDATE auth_sessions SET revoked = 1 WHERE origin_jti = $o;", cancellationToken, ("$o", originJti));

    public ValueTask RevokeUserAuthSessionsAsync(string userPoolId, string username, CancellationToken cancellationToken) =>
        ExecuteWriteAsync("UPDATE auth_sessions SET revoked = 1 WHERE user_pool_id = $p AND username = $u;", cancellationToken,
            ("$p", userPoolId), ("$u", username));

    public ValueTask CreateChallengeAsync(ChallengeRecord challenge, CancellationToken cancellationToken) =>
        ExecuteWriteAsync("INSERT INTO challenges (session_hash, user_pool_id, client_id, username, challenge, expires_us) VALUES ($h, $p, $c, $u, $n, $e);",
            cancellationToken, ("$h", challenge.SessionHash), ("$p", challenge.UserPoolId), ("$c", challenge.ClientId), ("$u", challenge.Username),
            ("$n", challenge.ChallengeName), ("$e", Timestamps.ToMicros(challenge.ExpiresAt)));

    public ValueTask<ChallengeRecord?> TakeChallengeAsync(string sessionHash, CancellationToken cancellationToken) =>
        WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction();
            ChallengeRecord? found = null;
            using (var command = Command(connection, "SELECT session_hash, user_pool_id, client_id, username, challenge, expires_us FROM challenges WHERE session_hash = $h;",
                       transaction, ("$h", sessionHash)))
            using (var reader = command.ExecuteReader())
            {
                if (reader.Read())
                {
                    found = new ChallengeRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                        Timestamps.FromMicros(reader.GetInt64(5)));
                }
            }

            Execute(connection, "DELETE FROM challenges WHERE session_hash = $h;", transaction, ("$h", sessionHash));
            transaction.Commit();
            return found;
        }, cancellationToken);

    private static AuthSessionRecord ReadSession(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
        Timestamps.FromMicros(r.GetInt64(5)), Timestamps.FromMicros(r.GetInt64(6)), r.GetInt64(7) != 0);

    // ---- plumbing ----
    private static JsonObject ParseObject(string json) => JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 })!.AsObject();

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
        return connection;
    }

    private async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return OpenRaw();
    }

    private async ValueTask<T> WriteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work(connection);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async ValueTask ExecuteWriteAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        await WriteAsync(connection => Execute(connection, sql, null, parameters), cancellationToken).ConfigureAwait(false);

    private async ValueTask<T?> ReadOneAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, sql, null, parameters);
        using var reader = command.ExecuteReader();
        return reader.Read() ? read(reader) : default;
    }

    private async ValueTask<IReadOnlyList<T>> ReadManyAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, sql, null, parameters);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(read(reader));
        }

        return list;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction, params (string, object?)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static int Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string, object?)[] parameters)
    {
        using var command = Command(connection, sql, transaction, parameters);
        return command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction, params (string, object?)[] parameters)
    {
        using var command = Command(connection, sql, transaction, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
