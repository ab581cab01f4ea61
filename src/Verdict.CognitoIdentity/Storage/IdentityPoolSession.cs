using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Verdict.CognitoIdentity.Common;

namespace Verdict.CognitoIdentity.Storage;

/// <summary>The queries of one <see cref="IdentityPoolStore"/> read or write unit, on its connection and transaction.</summary>
public sealed class IdentityPoolSession
{
    private const string PoolColumns = "identity_pool_id, account, region, name, created_us, updated_us, config";
    private const string IdentityColumns = "identity_id, identity_pool_id, created_us, updated_us, enabled";
    private const string LoginColumns = "identity_pool_id, provider, subject, identity_id, linked_us";

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction? _transaction;

    internal IdentityPoolSession(SqliteConnection connection, SqliteTransaction? transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    // ---- pools ----
    public IdentityPoolRecord? GetPool(string identityPoolId) =>
        One($"SELECT {PoolColumns} FROM identity_pools WHERE identity_pool_id = $id;", ReadPool, ("$id", identityPoolId));

    public List<IdentityPoolRecord> ListPools(string account, string region) =>
        Many($"SELECT {PoolColumns} FROM identity_pools WHERE account = $a AND region = $r ORDER BY identity_pool_id;", ReadPool,
            ("$a", account), ("$r", region));

    public long CountPools(string account, string region) =>
        Scalar("SELECT COUNT(*) FROM identity_pools WHERE account = $a AND region = $r;", ("$a", account), ("$r", region));

    public void InsertPool(IdentityPoolRecord pool) =>
        Run($"INSERT INTO identity_pools ({PoolColumns}) VALUES ($id, $a, $r, $n, $c, $u, $cfg);", PoolParameters(pool));

    public void UpdatePool(IdentityPoolRecord pool) =>
        Run("UPDATE identity_pools SET name = $n, updated_us = $u, config = $cfg WHERE identity_pool_id = $id;", PoolParameters(pool));

    /// <summary>Deletes a pool with its identities and logins.</summary>
    public bool DeletePool(string identityPoolId)
    {
        var deleted = Run("DELETE FROM identity_pools WHERE identity_pool_id = $id;", ("$id", identityPoolId)) > 0;
        Run("DELETE FROM identities WHERE identity_pool_id = $id;", ("$id", identityPoolId));
        Run("DELETE FROM logins WHERE identity_pool_id = $id;", ("$id", identityPoolId));
        return deleted;
    }

    // ---- identities ----
    public IdentityRecord? GetIdentity(string identityId) =>
        One($"SELECT {IdentityColumns} FROM identities WHERE identity_id = $id;", ReadIdentity, ("$id", identityId));

    public List<IdentityRecord> ListIdentities(string identityPoolId) =>
        Many($"SELECT {IdentityColumns} FROM identities WHERE identity_pool_id = $p ORDER BY identity_id;", ReadIdentity, ("$p", identityPoolId));

    public void InsertIdentity(IdentityRecord identity) =>
        Run($"INSERT INTO identities ({IdentityColumns}) VALUES ($id, $p, $c, $u, $e);", IdentityParameters(identity));

    public void UpdateIdentity(IdentityRecord identity) =>
        Run("UPDATE identities SET updated_us = $u, enabled = $e WHERE identity_id = $id;", IdentityParameters(identity));

    public bool DeleteIdentity(string identityId)
    {
        var deleted = Run("DELETE FROM identities WHERE identity_id = $id;", ("$id", identityId)) > 0;
        Run("DELETE FROM logins WHERE identity_id = $id;", ("$id", identityId));
        return deleted;
    }

    // ---- logins ----
    public LoginRecord? FindLogin(string identityPoolId, string provider, string subject) =>
        One($"SELECT {LoginColumns} FROM logins WHERE identity_pool_id = $p AND provider = $pr AND subject = $s;", ReadLogin,
            ("$p", identityPoolId), ("$pr", provider), ("$s", subject));

    public List<LoginRecord> LoginsOf(string identityId) =>
        Many($"SELECT {LoginColumns} FROM logins WHERE identity_id = $id ORDER BY linked_us, provider, subject;", ReadLogin, ("$id", identityId));

    public void AddLogin(LoginRecord login) =>
        Run($"INSERT INTO logins ({LoginColumns}) VALUES ($p, $pr, $s, $id, $t);",
            ("$p", login.IdentityPoolId), ("$pr", login.Provider), ("$s", login.Subject), ("$id", login.IdentityId), ("$t", Timestamps.ToMicros(login.LinkedAt)));

    public bool RemoveLogin(string identityPoolId, string provider, string subject) =>
        Run("DELETE FROM logins WHERE identity_pool_id = $p AND provider = $pr AND subject = $s;",
            ("$p", identityPoolId), ("$pr", provider), ("$s", subject)) > 0;

    /// <summary>Moves every login of <paramref name="fromIdentityId"/> to <paramref name="toIdentityId"/>.</summary>
    public void MoveLogins(string fromIdentityId, string toIdentityId) =>
        Run("UPDATE logins SET identity_id = $to WHERE identity_id = $from;", ("$to", toIdentityId), ("$from", fromIdentityId));

    // ---- issuer keys ----
    public List<IssuerKeyRecord> IssuerKeys() =>
        Many("SELECT kid, private_key, created_us FROM issuer_keys ORDER BY created_us;",
            r => new IssuerKeyRecord(r.GetString(0), (byte[])r.GetValue(1), Timestamps.FromMicros(r.GetInt64(2))));

    public void InsertIssuerKey(IssuerKeyRecord key) =>
        Run("INSERT INTO issuer_keys (kid, private_key, created_us) VALUES ($k, $key, $c);",
            ("$k", key.Kid), ("$key", key.PrivateKeyPkcs8), ("$c", Timestamps.ToMicros(key.CreatedAt)));

    // ---- plumbing ----
    private static (string, object?)[] PoolParameters(IdentityPoolRecord pool) =>
    [
        ("$id", pool.IdentityPoolId), ("$a", pool.Account), ("$r", pool.Region), ("$n", pool.Name),
        ("$c", Timestamps.ToMicros(pool.CreatedAt)), ("$u", Timestamps.ToMicros(pool.UpdatedAt)), ("$cfg", pool.Config.ToJsonString()),
    ];

    private static (string, object?)[] IdentityParameters(IdentityRecord identity) =>
    [
        ("$id", identity.IdentityId), ("$p", identity.IdentityPoolId), ("$c", Timestamps.ToMicros(identity.CreatedAt)),
        ("$u", Timestamps.ToMicros(identity.UpdatedAt)), ("$e", identity.Enabled ? 1 : 0),
    ];

    private static IdentityPoolRecord ReadPool(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Timestamps.FromMicros(r.GetInt64(4)), Timestamps.FromMicros(r.GetInt64(5)),
        JsonNode.Parse(r.GetString(6), documentOptions: new JsonDocumentOptions { MaxDepth = 64 })!.AsObject());

    private static IdentityRecord ReadIdentity(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), Timestamps.FromMicros(r.GetInt64(2)), Timestamps.FromMicros(r.GetInt64(3)), r.GetInt64(4) != 0);

    private static LoginRecord ReadLogin(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Timestamps.FromMicros(r.GetInt64(4)));

    private T? One<T>(string sql, Func<SqliteDataReader, T> read, params (string, object?)[] parameters)
    {
        using var command = Command(_connection, _transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        return reader.Read() ? read(reader) : default;
    }

    private List<T> Many<T>(string sql, Func<SqliteDataReader, T> read, params (string, object?)[] parameters)
    {
        using var command = Command(_connection, _transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(read(reader));
        }

        return list;
    }

    private long Scalar(string sql, params (string, object?)[] parameters)
    {
        using var command = Command(_connection, _transaction, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private int Run(string sql, params (string, object?)[] parameters)
    {
        if (_transaction is null)
        {
            throw new InvalidOperationException("A read session cannot write.");
        }

        return Execute(_connection, _transaction, sql, parameters);
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string, object?)[] parameters)
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

    internal static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }
}
