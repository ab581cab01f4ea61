using System.Reflection;
using Npgsql;
using Verdict.Server.Tests.Support;
using Verdict.Storage;
using Verdict.Storage.Postgres;
using Verdict.Storage.Sqlite;
using Xunit.Sdk;

namespace Verdict.Server.Tests.Storage;

/// <summary>
/// The storage backends the contract suite runs against. SQLite gets a fresh file per test; PostgreSQL a fresh database
/// per test on one throwaway cluster started for the test class.
/// </summary>
public sealed class StorageBackends : IDisposable
{
    private readonly Lazy<PostgresCluster> _cluster = new(() => new PostgresCluster());

    /// <summary>A new, empty, initialized storage of <paramref name="backend"/> ("sqlite" or "postgres").</summary>
    public async Task<OpenStorage> OpenAsync(string backend)
    {
        if (backend == "sqlite")
        {
            var directory = Path.Combine(Path.GetTempPath(), "verdict-storage-" + Guid.NewGuid().ToString("N"));
            var path = Path.Combine(directory, "verdict.db");
            return await OpenStorage.StartAsync(() => new SqliteVerdictStorage(path), () => Directory.Delete(directory, recursive: true));
        }

        var database = "verdict_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(_cluster.Value.ConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database};", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = _cluster.Value.ConnectionString(database);
        return await OpenStorage.StartAsync(() => new PostgresVerdictStorage(connectionString), () => NpgsqlConnection.ClearAllPools());
    }

    public void Dispose()
    {
        if (_cluster.IsValueCreated)
        {
            NpgsqlConnection.ClearAllPools();
            _cluster.Value.Dispose();
        }
    }
}

/// <summary>An initialized storage that a test can close and reopen (as a restarted server would).</summary>
public sealed class OpenStorage : IAsyncDisposable
{
    private readonly Func<IVerdictStorage> _create;
    private readonly Action _cleanUp;

    private OpenStorage(Func<IVerdictStorage> create, Action cleanUp)
    {
        _create = create;
        _cleanUp = cleanUp;
        Storage = create();
    }

    public IVerdictStorage Storage { get; private set; }

    public static async Task<OpenStorage> StartAsync(Func<IVerdictStorage> create, Action cleanUp)
    {
        var open = new OpenStorage(create, cleanUp);
        await open.Storage.InitializeAsync(CancellationToken.None);
        return open;
    }

    /// <summary>Closes the storage and opens it again on the same data, applying migrations as a restart does.</summary>
    public async Task ReopenAsync()
    {
        (Storage as IDisposable)?.Dispose();
        Storage = _create();
        await Storage.InitializeAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        (Storage as IDisposable)?.Dispose();
        _cleanUp();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Runs a contract test against SQLite.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteBackendAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["sqlite"]];
}

/// <summary>Runs a contract test against PostgreSQL; skipped, with the reason, only when the server binaries are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresBackendAttribute : DataAttribute
{
    public PostgresBackendAttribute()
    {
        Skip = PostgresCluster.SkipReason!;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [["postgres"]];
}
