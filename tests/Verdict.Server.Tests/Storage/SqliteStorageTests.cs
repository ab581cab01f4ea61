using Verdict.Storage;
using Verdict.Storage.Sqlite;

namespace Verdict.Server.Tests.Storage;

/// <summary>The SQLite storage directly: migrations, tenancy, versions, client tokens, quotas, aliases.</summary>
public sealed class SqliteStorageTests : IAsyncLifetime
{
    private static readonly Tenant s_tenant = new("000000000000", "us-east-1");
    private static readonly DateTimeOffset s_now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 123, 456, TimeSpan.Zero).AddTicks(7);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "verdict-storage-" + Guid.NewGuid().ToString("N"));
    private SqliteVerdictStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _storage = new SqliteVerdictStorage(Path.Combine(_directory, "verdict.db"));
        await _storage.InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _storage.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Reopening_applies_no_migration_twice_and_keeps_data()
    {
        await CreateAsync("store1");
        _storage.Dispose();
        _storage = new SqliteVerdictStorage(Path.Combine(_directory, "verdict.db"));
        await _storage.InitializeAsync(CancellationToken.None);
        Assert.NotNull(await _storage.PolicyStores.GetAsync(s_tenant, "store1", CancellationToken.None));
    }

    [Fact]
    public async Task Instants_round_trip_at_microsecond_precision()
    {
        await CreateAsync("store1");
        var stored = await _storage.PolicyStores.GetAsync(s_tenant, "store1", CancellationToken.None);
        Assert.Equal(s_now.UtcTicks - (s_now.UtcTicks % 10), stored!.CreatedDate.UtcTicks);
        Assert.Equal(stored.CreatedDate, stored.LastUpdatedDate);
    }

    [Fact]
    public async Task Tenants_do_not_see_each_other()
    {
        await CreateAsync("store1");
        var otherAccount = s_tenant with { Account = "111111111111" };
        var otherRegion = s_tenant with { Region = "eu-west-1" };
        Assert.Null(await _storage.PolicyStores.GetAsync(otherAccount, "store1", CancellationToken.None));
        Assert.Null(await _storage.PolicyStores.GetAsync(otherRegion, "store1", CancellationToken.None));
        Assert.Empty((await _storage.PolicyStores.ListAsync(otherRegion, null, 10, CancellationToken.None)).Items);
        Assert.Equal(DeletePolicyStoreStatus.NotFound, await _storage.PolicyStores.DeleteAsync(otherAccount, "store1", s_now, CancellationToken.None));
    }

    [Fact]
    public async Task Every_update_bumps_the_store_version()
    {
        await CreateAsync("store1");
        Assert.Equal(1, (await _storage.PolicyStores.GetAsync(s_tenant, "store1", CancellationToken.None))!.Version);
        var updated = await _storage.PolicyStores.UpdateAsync(s_tenant, "store1", new PolicyStoreUpdate("STRICT", null, null, s_now), CancellationToken.None);
        Assert.Equal(2, updated!.Version);
        Assert.Null(await _storage.PolicyStores.UpdateAsync(s_tenant, "missing", new PolicyStoreUpdate("OFF", null, null, s_now), CancellationToken.None));
    }

    [Fact]
    public async Task Client_token_replays_conflicts_and_expires()
    {
        var key = new IdempotencyKey("CreatePolicyStore", "token-1", "fingerprint-a", s_now.AddHours(-8));
        var first = await CreateAsync("store1", key);
        Assert.Equal(IdempotentCreateStatus.Created, first.Status);

        var replay = await CreateAsync("store2", key);
        Assert.Equal(IdempotentCreateStatus.Replayed, replay.Status);
        Assert.Equal("store1", replay.ResourceId);
        Assert.Equal(first.RecordedResponse, replay.RecordedResponse);
        Assert.Null(await _storage.PolicyStores.GetAsync(s_tenant, "store2", CancellationToken.None));

        var conflict = await CreateAsync("store3", key with { Fingerprint = "fingerprint-b" });
        Assert.Equal(IdempotentCreateStatus.TokenConflict, conflict.Status);
        Assert.Equal("store1", conflict.ResourceId);

        // Eight hours later the token is forgotten and the same request creates again.
        var later = await CreateAsync("store4", key with { NotBefore = s_now.AddSeconds(1) });
        Assert.Equal(IdempotentCreateStatus.Created, later.Status);
        Assert.NotNull(await _storage.PolicyStores.GetAsync(s_tenant, "store4", CancellationToken.None));
    }

    [Fact]
    public async Task Policy_store_quota_is_enforced_per_tenant()
    {
        Assert.Equal(IdempotentCreateStatus.Created, (await CreateAsync("a", max: 2)).Status);
        Assert.Equal(IdempotentCreateStatus.Created, (await CreateAsync("b", max: 2)).Status);
        Assert.Equal(IdempotentCreateStatus.QuotaExceeded, (await CreateAsync("c", max: 2)).Status);
        var otherRegion = await _storage.PolicyStores.CreateAsync(
            s_tenant with { Region = "eu-west-1" }, NewStore("c"), 2, null, _ => "{}", CancellationToken.None);
        Assert.Equal(IdempotentCreateStatus.Created, otherRegion.Status);
    }

    [Fact]
    public async Task Pages_follow_creation_order()
    {
        foreach (var id in new[] { "zz", "aa", "mm" })
        {
            await CreateAsync(id);
        }

        var first = await _storage.PolicyStores.ListAsync(s_tenant, null, 2, CancellationToken.None);
        Assert.Equal(["zz", "aa"], first.Items.Select(s => s.PolicyStoreId));
        Assert.NotNull(first.NextPosition);
        var second = await _storage.PolicyStores.ListAsync(s_tenant, first.NextPosition, 2, CancellationToken.None);
        Assert.Equal(["mm"], second.Items.Select(s => s.PolicyStoreId));
        Assert.Null(second.NextPosition);
    }

    [Fact]
    public async Task Deleted_aliases_are_purged_after_the_pending_period()
    {
        await CreateAsync("store1");
        var (status, _) = await _storage.PolicyStores.CreateAliasAsync(s_tenant, "policy-store-alias/a", "store1", s_now, 10, CancellationToken.None);
        Assert.Equal(IdempotentCreateStatus.Created, status);
        Assert.True(await _storage.PolicyStores.DeleteAliasAsync(s_tenant, "policy-store-alias/a", s_now, CancellationToken.None));
        Assert.False(await _storage.PolicyStores.DeleteAliasAsync(s_tenant, "policy-store-alias/a", s_now, CancellationToken.None));
        Assert.Equal(0, await _storage.PolicyStores.PurgeDeletedAliasesAsync(s_now, CancellationToken.None));
        Assert.Equal(IdempotentCreateStatus.NameConflict,
            (await _storage.PolicyStores.CreateAliasAsync(s_tenant, "policy-store-alias/a", "store1", s_now, 10, CancellationToken.None)).Status);
        Assert.Equal(1, await _storage.PolicyStores.PurgeDeletedAliasesAsync(s_now.AddMinutes(1), CancellationToken.None));
        Assert.Equal(IdempotentCreateStatus.Created,
            (await _storage.PolicyStores.CreateAliasAsync(s_tenant, "policy-store-alias/a", "store1", s_now, 10, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Protected_store_is_not_deleted()
    {
        await _storage.PolicyStores.CreateAsync(s_tenant, NewStore("p") with { DeletionProtection = "ENABLED" }, 100, null, _ => "{}", CancellationToken.None);
        Assert.Equal(DeletePolicyStoreStatus.DeletionProtected, await _storage.PolicyStores.DeleteAsync(s_tenant, "p", s_now, CancellationToken.None));
        Assert.NotNull(await _storage.PolicyStores.GetAsync(s_tenant, "p", CancellationToken.None));
    }

    private ValueTask<IdempotentCreateResult> CreateAsync(string id, IdempotencyKey? key = null, int max = 100) =>
        _storage.PolicyStores.CreateAsync(s_tenant, NewStore(id), max, key, created => $$"""{"id":"{{created.PolicyStoreId}}"}""", CancellationToken.None);

    private static NewPolicyStore NewStore(string id) =>
        new(id, "OFF", "DISABLED", null, """{"default":{}}""", "CEDAR_4", new DateTimeOffset(s_now.UtcTicks - (s_now.UtcTicks % 10), TimeSpan.Zero),
            new Dictionary<string, string>());
}
