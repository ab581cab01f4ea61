using Verdict.Storage;
using Verdict.Storage.Sqlite;
using Verdict.VerifiedPermissions.Common;

namespace Verdict.Server.Tests.Storage;

/// <summary>
/// Cached reads stay exact: an entry is reused only while no write has committed since it was read, absent records are
/// never cached, and a SQLite database is served by one process only (the premise that makes the cache exact).
/// </summary>
public sealed class LocalReadCacheTests : IAsyncLifetime
{
    private static readonly Tenant s_tenant = new("000000000000", "us-east-1");
    private static readonly DateTimeOffset s_now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "verdict-readcache-" + Guid.NewGuid().ToString("N"));
    private SqliteVerdictStorage _storage = null!;

    private string DatabasePath => Path.Combine(_directory, "verdict.db");

    public async Task InitializeAsync()
    {
        _storage = new SqliteVerdictStorage(DatabasePath);
        await _storage.InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _storage.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_entry_is_reused_until_a_write_commits()
    {
        var writes = new LocalWriteCounter();
        var cache = new LocalReadCache<string, string>(writes);
        var reads = 0;
        ValueTask<string?> Read(string value, string key, CancellationToken ct)
        {
            reads++;
            return ValueTask.FromResult<string?>(value + "@" + reads);
        }

        Assert.Equal("a@1", await cache.GetAsync("k", "a", Read, CancellationToken.None));
        Assert.Equal("a@1", await cache.GetAsync("k", "b", Read, CancellationToken.None));
        writes.Advance();
        Assert.Equal("b@2", await cache.GetAsync("k", "b", Read, CancellationToken.None));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task Absent_records_are_read_every_time_and_without_a_counter_nothing_is_cached()
    {
        var absent = new LocalReadCache<string, string>(new LocalWriteCounter());
        var uncached = new LocalReadCache<string, string>(null);
        var reads = 0;
        ValueTask<string?> Missing(int _, string key, CancellationToken ct)
        {
            reads++;
            return ValueTask.FromResult<string?>(null);
        }

        ValueTask<string?> Present(int _, string key, CancellationToken ct)
        {
            reads++;
            return ValueTask.FromResult<string?>("v");
        }

        Assert.Null(await absent.GetAsync("k", 0, Missing, CancellationToken.None));
        Assert.Null(await absent.GetAsync("k", 0, Missing, CancellationToken.None));
        Assert.Equal("v", await uncached.GetAsync("k", 0, Present, CancellationToken.None));
        Assert.Equal("v", await uncached.GetAsync("k", 0, Present, CancellationToken.None));
        Assert.Equal(4, reads);
    }

    [Fact]
    public async Task The_resolver_sees_every_committed_store_write()
    {
        var resolver = new PolicyStoreResolver(_storage);
        Assert.NotNull(_storage.LocalWrites);
        var (missing, notFound) = await resolver.ResolveAsync(s_tenant, "store1", CancellationToken.None);
        Assert.Null(missing);
        Assert.Equal("ResourceNotFoundException", notFound!.Type);

        await _storage.PolicyStores.CreateAsync(
            s_tenant, new NewPolicyStore("store1", "OFF", "DISABLED", null, """{"default":{}}""", "CEDAR_4", s_now, new Dictionary<string, string>()),
            100, null, created => "{}", CancellationToken.None);
        var (created, _) = await resolver.ResolveAsync(s_tenant, "store1", CancellationToken.None);
        Assert.Equal("OFF", created!.ValidationMode);
        Assert.Same(created, (await resolver.ResolveAsync(s_tenant, "store1", CancellationToken.None)).Store);

        await _storage.PolicyStores.UpdateAsync(s_tenant, "store1", new PolicyStoreUpdate("STRICT", null, "now strict", s_now), CancellationToken.None);
        var (updated, _) = await resolver.ResolveAsync(s_tenant, "store1", CancellationToken.None);
        Assert.Equal("STRICT", updated!.ValidationMode);
        Assert.True(updated.Version > created.Version);

        Assert.Equal(DeletePolicyStoreStatus.Deleted, await _storage.PolicyStores.DeleteAsync(s_tenant, "store1", s_now, CancellationToken.None));
        Assert.Null((await resolver.ResolveAsync(s_tenant, "store1", CancellationToken.None)).Store);
    }

    [Fact]
    public async Task A_second_storage_on_the_same_database_is_refused_while_the_first_is_open()
    {
        using var second = new SqliteVerdictStorage(DatabasePath);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => second.InitializeAsync(CancellationToken.None).AsTask());
        Assert.Contains("in use by another Verdict process", refused.Message);
        Assert.Null(second.LocalWrites);
    }
}
