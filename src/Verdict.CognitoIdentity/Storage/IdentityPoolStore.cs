using Microsoft.Data.Sqlite;
using Verdict.CognitoIdentity.Common;

namespace Verdict.CognitoIdentity.Storage;

/// <summary>
/// Identity pool data in its own SQLite file. WAL journal with <c>synchronous=FULL</c>, so an acknowledged write
/// survives a crash. Writes are serialized in-process and each runs in one transaction, so a read-decide-write
/// (find or create an identity, link a login, replace a pool) is atomic. The schema is migrated on first use.
/// </summary>
public sealed class IdentityPoolStore : IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    public IdentityPoolStore(string databasePath)
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
            IdentityPoolSession.Execute(connection, null, "PRAGMA journal_mode=WAL;");
            IdentityPoolSession.Execute(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_us INTEGER NOT NULL);");
            var applied = new HashSet<long>();
            using (var command = IdentityPoolSession.Command(connection, null, "SELECT version FROM schema_migrations;"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    applied.Add(reader.GetInt64(0));
                }
            }

            var newest = IdentityMigrations.All.Max(m => m.Version);
            if (applied.Count > 0 && applied.Max() > newest)
            {
                throw new InvalidOperationException(
                    $"The database {DatabasePath} has migration {applied.Max()} applied, newer than this build knows ({newest}).");
            }

            foreach (var (version, name, sql) in IdentityMigrations.All)
            {
                if (applied.Contains(version))
                {
                    continue;
                }

                using var transaction = connection.BeginTransaction();
                IdentityPoolSession.Execute(connection, transaction, sql);
                IdentityPoolSession.Execute(connection, transaction, "INSERT INTO schema_migrations (version, name, applied_us) VALUES ($v, $n, $t);",
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

    /// <summary>Runs <paramref name="work"/> on a read-only view (a pooled connection, no write lock).</summary>
    public async ValueTask<T> ReadAsync<T>(Func<IdentityPoolSession, T> work, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var connection = OpenRaw();
        return work(new IdentityPoolSession(connection, null));
    }

    /// <summary>
    /// Runs <paramref name="work"/> alone, in one transaction committed when it returns, unless
    /// <paramref name="commitWhen"/> says its result is a refusal: then (as on an exception) nothing it wrote is kept.
    /// </summary>
    public async ValueTask<T> WriteAsync<T>(Func<IdentityPoolSession, T> work, CancellationToken cancellationToken, Func<T, bool>? commitWhen = null)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var connection = OpenRaw();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = connection.BeginTransaction();
            var result = work(new IdentityPoolSession(connection, transaction));
            if (commitWhen is null || commitWhen(result))
            {
                transaction.Commit();
            }
            else
            {
                transaction.Rollback();
            }

            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        IdentityPoolSession.Execute(connection, null, "PRAGMA synchronous=FULL;");
        return connection;
    }
}
