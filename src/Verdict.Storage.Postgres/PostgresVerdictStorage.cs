using Npgsql;

namespace Verdict.Storage.Postgres;

/// <summary>
/// PostgreSQL storage. A commit returns once PostgreSQL has flushed it (the server's default <c>synchronous_commit</c>),
/// so an acknowledged write survives a kill. Writes are serialized, as in the SQLite backend, by a transaction-scoped
/// advisory lock, which also serializes several Verdict processes sharing one database; reads run concurrently on
/// pooled connections.
/// </summary>
public sealed class PostgresVerdictStorage : IVerdictStorage, IDisposable
{
    /// <summary>The advisory lock key every write transaction takes (an arbitrary constant: "VRDT").</summary>
    private const long WriteLockKey = 0x56524454;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresVerdictStorage(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        PolicyStores = new PostgresPolicyStoreRepository(this);
        Policies = new PostgresPolicyRepository(this);
        IdentitySources = new PostgresIdentitySourceRepository(this);
    }

    public IPolicyStoreRepository PolicyStores { get; }

    public IPolicyRepository Policies { get; }

    public IIdentitySourceRepository IdentitySources { get; }

    /// <summary>None: other Verdict processes may share the database, so every read goes to it.</summary>
    public LocalWriteCounter? LocalWrites => null;

    public async ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({WriteLockKey});");
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_us BIGINT NOT NULL);");
        var applied = new HashSet<long>();
        await using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations;", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt64(0));
            }
        }

        var newest = Migrations.All.Max(m => m.Version);
        if (applied.Count > 0 && applied.Max() > newest)
        {
            throw new InvalidOperationException($"The database has migration {applied.Max()} applied, newer than this build knows ({newest}).");
        }

        foreach (var (version, name, sql) in Migrations.All)
        {
            if (applied.Contains(version))
            {
                continue;
            }

            Execute(connection, transaction, sql);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, applied_us) VALUES (@v, @n, @t);", connection, transaction);
            record.Parameters.AddWithValue("v", (long)version);
            record.Parameters.AddWithValue("n", name);
            record.Parameters.AddWithValue("t", StorageTime.ToMicros(DateTimeOffset.UtcNow));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, serialized with every other write.</summary>
    internal async ValueTask<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, T> work, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({WriteLockKey});");
        var result = work(connection, transaction);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    internal T Read<T>(Func<NpgsqlConnection, T> work)
    {
        using var connection = _dataSource.OpenConnection();
        return work(connection);
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    public void Dispose() => _dataSource.Dispose();
}
