using Microsoft.Data.Sqlite;

namespace Verdict.Storage.Sqlite;

/// <summary>
/// SQLite storage in one file. WAL journal with <c>synchronous=FULL</c>: a commit returns only once the WAL is fsynced,
/// so an acknowledged write survives a kill or a power cut. Writes are serialized in-process (SQLite allows one writer
/// anyway) so they never spin on SQLITE_BUSY; reads run concurrently on pooled connections. The process holds an
/// exclusive lock on <c>&lt;database&gt;.lock</c> while it has the database open, so it is the database's only writer
/// and can offer <see cref="LocalWrites"/> for cached reads; a second process is refused at start-up.
/// </summary>
public sealed class SqliteVerdictStorage : IVerdictStorage, IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly LocalWriteCounter _writes = new();
    private FileStream? _processLock;

    public SqliteVerdictStorage(string databasePath)
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
        PolicyStores = new SqlitePolicyStoreRepository(this);
        Policies = new SqlitePolicyRepository(this);
        IdentitySources = new SqliteIdentitySourceRepository(this);
    }

    public string DatabasePath { get; }

    public IPolicyStoreRepository PolicyStores { get; }

    public IPolicyRepository Policies { get; }

    public IIdentitySourceRepository IdentitySources { get; }

    /// <summary>The write count, once <see cref="InitializeAsync"/> has taken the process lock (null before).</summary>
    public LocalWriteCounter? LocalWrites => _processLock is null ? null : _writes;

    public async ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _processLock ??= LockForThisProcess(DatabasePath);

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = Open();
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

            foreach (var (version, name, sql) in Migrations.All)
            {
                if (applied.Contains(version))
                {
                    continue;
                }

                using var transaction = connection.BeginTransaction();
                Execute(connection, sql, transaction);
                using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_us) VALUES ($v, $n, $t);";
                record.Parameters.AddWithValue("$v", version);
                record.Parameters.AddWithValue("$n", name);
                record.Parameters.AddWithValue("$t", StorageTime.ToMicros(DateTimeOffset.UtcNow));
                record.ExecuteNonQuery();
                transaction.Commit();
            }

            var newest = Migrations.All.Max(m => m.Version);
            var unknown = applied.Where(v => v > newest).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The database {DatabasePath} has migration {unknown.Max()} applied, newer than this build knows ({newest}).");
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Per-connection settings: FULL makes every commit fsync the WAL before returning.
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=OFF;");
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one IMMEDIATE transaction, serialized with every other write.</summary>
    internal async ValueTask<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection, transaction);
            transaction.Commit();
            _writes.Advance();
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static FileStream LockForThisProcess(string databasePath)
    {
        var lockPath = databasePath + ".lock";
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock on Unix), released when the process ends.
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw new InvalidOperationException(
                $"The database {databasePath} is in use by another Verdict process ({lockPath} is locked). One process serves a SQLite data directory; use PostgreSQL to run several.",
                exception);
        }
    }

    internal T Read<T>(Func<SqliteConnection, T> work)
    {
        using var connection = Open();
        return work(connection);
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _writeLock.Dispose();
        _processLock?.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
