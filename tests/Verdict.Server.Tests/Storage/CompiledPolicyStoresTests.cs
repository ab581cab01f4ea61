using Verdict.Storage;
using Verdict.Storage.Sqlite;
using Verdict.VerifiedPermissions.Authorization;

namespace Verdict.Server.Tests.Storage;

/// <summary>
/// The compiled-policy-set cache over real storage: every policy, template and schema write bumps the store version in
/// its transaction; a request at an unchanged version reuses the compiled set (nothing is parsed), a new version
/// recompiles once, and a template linked many times is compiled into one set with all its links.
/// </summary>
public sealed class CompiledPolicyStoresTests : IAsyncLifetime
{
    private static readonly Tenant s_tenant = new("000000000000", "us-east-1");
    private static readonly DateTimeOffset s_now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "verdict-compiled-" + Guid.NewGuid().ToString("N"));
    private SqliteVerdictStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _storage = new SqliteVerdictStorage(Path.Combine(_directory, "verdict.db"));
        await _storage.InitializeAsync(CancellationToken.None);
        await _storage.PolicyStores.CreateAsync(
            s_tenant, new NewPolicyStore("store1", "OFF", "DISABLED", null, """{"default":{}}""", "CEDAR_4", s_now, new Dictionary<string, string>()),
            100, null, created => "{}", CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _storage.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Unchanged_versions_reuse_the_compiled_set_and_every_write_recompiles_once()
    {
        var cache = new CompiledPolicyStores(_storage);
        var version = await VersionAsync();
        var first = await cache.GetAsync(await StoreAsync(), CancellationToken.None);
        Assert.Equal(0, first!.Policies.Count);
        Assert.Same(first, await cache.GetAsync(await StoreAsync(), CancellationToken.None));
        Assert.Equal(1, cache.Compilations);

        await CreateStaticAsync("p1", """permit(principal, action, resource);""");
        Assert.Equal(version + 1, await VersionAsync());
        var second = await cache.GetAsync(await StoreAsync(), CancellationToken.None);
        Assert.Equal(1, second!.Policies.Count);
        Assert.Same(second, await cache.GetAsync(await StoreAsync(), CancellationToken.None));
        Assert.Equal(2, cache.Compilations);

        await _storage.Policies.PutSchemaAsync(s_tenant, "store1", """{"": {"entityTypes": {"User": {}}, "actions": {"view": {}}}}""", [""], s_now, CancellationToken.None);
        Assert.Equal(version + 2, await VersionAsync());
        var third = await cache.GetAsync(await StoreAsync(), CancellationToken.None);
        Assert.NotNull(third!.Schema);
        Assert.Equal(3, cache.Compilations);

        Assert.True(await _storage.Policies.DeletePolicyAsync(s_tenant, "store1", "p1", CancellationToken.None));
        Assert.False(await _storage.Policies.DeletePolicyAsync(s_tenant, "store1", "p1", CancellationToken.None));
        Assert.Equal(version + 3, await VersionAsync());
        Assert.Equal(0, (await cache.GetAsync(await StoreAsync(), CancellationToken.None))!.Policies.Count);
    }

    [Fact]
    public async Task A_template_with_many_links_compiles_into_one_set()
    {
        var template = new PolicyTemplateRecord(s_tenant, "store1", "t1", null, null, """permit(principal == ?principal, action, resource);""", s_now, s_now);
        Assert.Equal(IdempotentCreateStatus.Created, (await _storage.Policies.CreateTemplateAsync(s_tenant, template, 40, null, t => "{}", CancellationToken.None)).Status);
        for (var i = 0; i < 50; i++)
        {
            var id = "link" + i;
            var principal = new StoredEntity("User", "u" + i);
            var result = await _storage.Policies.CreatePolicyAsync(s_tenant, "store1", "t1", null,
                t => new PolicyRecord(s_tenant, "store1", id, "TEMPLATE_LINKED", null, null, null, t!.PolicyTemplateId, principal, null, principal, null, null, "Permit", s_now, s_now),
                p => "{}", CancellationToken.None);
            Assert.Equal(IdempotentCreateStatus.Created, result.Status);
        }

        var compiled = await new CompiledPolicyStores(_storage).GetAsync(await StoreAsync(), CancellationToken.None);
        Assert.Equal(50, compiled!.Policies.Count);
        Assert.Contains(compiled.Policies.Policies, p => p.Id == "link7" && p.Slots is not null);

        // Deleting the template deletes its links in the same transaction.
        Assert.True(await _storage.Policies.DeleteTemplateAsync(s_tenant, "store1", "t1", CancellationToken.None));
        Assert.Empty((await _storage.Policies.ListPoliciesAsync(s_tenant, "store1", new PolicyQuery(), null, 50, CancellationToken.None)).Items);
    }

    private async Task CreateStaticAsync(string id, string statement)
    {
        var result = await _storage.Policies.CreatePolicyAsync(s_tenant, "store1", null, null,
            _ => new PolicyRecord(s_tenant, "store1", id, "STATIC", null, statement, null, null, null, null, null, null, null, "Permit", s_now, s_now),
            p => "{}", CancellationToken.None);
        Assert.Equal(IdempotentCreateStatus.Created, result.Status);
    }

    private async Task<PolicyStoreRecord> StoreAsync() => (await _storage.PolicyStores.GetAsync(s_tenant, "store1", CancellationToken.None))!;

    private async Task<long> VersionAsync() => (await StoreAsync()).Version;
}
