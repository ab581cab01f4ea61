using Verdict.Storage;

namespace Verdict.Server.Tests.Storage;

/// <summary>
/// The storage contract, run against every backend (SQLite, and PostgreSQL on a throwaway cluster): migrations,
/// tenancy, versions, client tokens, quotas, aliases, policies, templates, schemas and snapshots.
/// </summary>
public sealed class StorageContractTests(StorageBackends backends) : IClassFixture<StorageBackends>
{
    private static readonly Tenant s_tenant = new("000000000000", "us-east-1");
    private static readonly DateTimeOffset s_now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 123, 456, TimeSpan.Zero).AddTicks(7);
    private OpenStorage _open = null!;

    private IVerdictStorage Storage => _open.Storage;

    [Theory]
    [SqliteBackend]
    [PostgresBackend]
    public async Task Reopening_applies_no_migration_twice_and_keeps_data(string backend)
    {
        await using var open = _open = await backends.OpenAsync(backend);
        await CreateAsync("store1");
        await _open.ReopenAsync();
        Assert.NotNull(await Storage.PolicyStores.GetAsync(s_tenant, "store1", CancellationToken.None));
    }

    [Theory]
    [SqliteBackend]
    [PostgresBackend]
    public async Task Instants_round_trip_at_microsecond_precision(string backend)
    {
        await using var open = _open = await backends.OpenAsync(backend);
        await CreateAsync("store1");
        var stored = await Storage.PolicyStores.GetAsync(s_tenant, "store1", CancellationToken.None);
        Assert.Equal(s_now.UtcTicks - (s_now.UtcTicks % 10), stored!.CreatedDate.UtcTicks);
        Assert.Equal(stored.CreatedDate, stored.LastUpdatedDate);
    }

    [Theory]
    [SqliteBackend]
    [PostgresBackend]
    public async Task Tenants_do_not_see_each_other(string backend)
    {
        await using var open = _open = await backends.OpenAsync(backend);
        await CreateAsync("store1");
        var otherAccount = s_tenant with { Account = "111111111111" };
        var otherRegion = s_tenant with { Region = "eu-west-1" };
        Assert.Null(await Storage.PolicyStores.GetAsync(otherAccount, "store1", CancellationToken.None));
        Assert.Null(await Storage.PolicyStores.GetAsync(otherRegion, "store1", CancellationToken.None));
        Assert.Empty((await Storage.PolicyStores.ListAsync(otherRegion, null, 10, CancellationToken.None)).Items);
        Assert.Equal(DeletePolicyStoreStatus.NotFound, await Storage.PolicyStores.DeleteAsync(otherAccount, "store1", s_now, CancellationToken.None));
    }

    [Theory]
    [SqliteBackend]
    [PostgresBackend]
    public async Task Every_update_bumps_the_store_version(string backend)
    {
        await using var open = _open = await backends.OpenAsync(backend);
        await CreateAsync("store1");
        Assert.Equal(1, (await Storage.PolicyStores.GetAsync(s_tenant, "store1", CancellationToken.None))!.Version);
        var updated = await Storage.PolicyStores.UpdateAsync(s_tenant, "store1", new PolicyStoreUpdate("STRICT", null, null, s_now), CancellationToken.None);
        Assert.Equal(2, updated!.Version);
        Assert.Null(await Storage.PolicyStores.UpdateAsync(s_tenant, "missing", new PolicyStoreUpdate("OFF", null, null, s_now), CancellationToken.None));
    }

    [Theory]
    [SqliteBackend]
    [PostgresBackend]
    public async Task Client_token_replays_conflicts_and_expires(string backend)
    {
        await using var open = _open = await backends.OpenAsync(backend);
        var key = new IdempotencyKey("CreatePolicyStore", "token-1", "fingerprint-a", s_now.AddHours(-8));
        var first = await CreateAsync("store1", key);
        Assert.Equal(IdempotentCreateStatus.Created, first.Status);

        var replay = await CreateAsync("store2", key);
        Assert.Equal(IdempotentCreateStatus.Replayed, replay.Status);
        Assert.Equal("store1", replay.ResourceId);
        Assert.Equal(first.RecordedResponse, replay.RecordedResponse);
        Assert.Null(await Storage.PolicyStores.GetAsync(s_tenant, "store2", CancellationToken.None));

        var conflict = await CreateAsync("store3", key with { Fingerprint = "fingerprint-b" });
        Assert.Equal(IdempotentCreateStatus.TokenConflict, conflict.Status);
        Assert.Equal("store1", conflict.ResourceId);

        // Eight hours later the token is forgotten and the same request creates again.
        var later = await CreateAsync("store4", key with { NotBefore = s_now.AddSeconds(1) });
        Assert.Equal(IdempotentCreateStatus.Created, later.Status);
        Assert.NotNull(await Storage.PolicyStores.GetAsync(s_tenant, "store4", CancellationToken.None));
    }

    [Theory]
    [SqliteBackend]
    [PostgresBackend]
    public async Task Policy_store_quota_is_enforced_per_tenant(string backend)
    {
        await using var open = _open = await backends.OpenAsync(backend);
        Assert.Equal(IdempotentCreateStatus.Created, (await CreateAsync("a", max: 2)).Status);
        Assert.Equal(IdempotentCreateStatus.Created, (await CreateAsync("b", max: 2)).Status);
        Assert.Equal(IdempotentCreateStatus.QuotaExceeded, (await CreateAsync("c", max: 2)).Status);
        var otherRegion = await Storage.PolicyStores.CreateAsync(
            s_tenant with { Region = "eu-west-1" }, NewStore("c"), 2, null, _ => "{}", CancellationToken.None);
        Assert.Equal(IdempotentCreateStatus.Created, otherRegion.Status);
    }

    [Theory]
    [SqliteBackend]
    [PostgresBackend]
    public async Task Pages_follow_creation_order(string backend)
    {
        await using var open = _open = await backends.OpenAsync(backend);
        foreach (var id in new[] { "zz", "aa", "mm" })
        {
            await CreateAsync(id);
        }

        var first = await Storage.PolicyStores.ListAsync(s_tenant, null, 2, CancellationToken.None);
        Assert.Equal(["zz", "aa"], first.Items.Select(s => s.PolicyStoreId));
        Assert.NotNull(first.NextPosition);
        var second = await Storage.PolicyStores.ListAsync(s_tenant, first.NextPosition, 2, CancellationToken.None);
        Assert.Equal(["mm"], second.Items.Select(s => s.PolicyStoreId));
        Assert.Null(second.NextPosition);
    }

    [Theory]
    [SqliteBackend]
    [PostgresBackend]
    public async Task Deleted_aliases_are_purged_after_the_pending_period(string backend)
    {
        await using var open = _open = await backends.OpenAsync(backend);
        await CreateAsync("store1");
        var (status, _) = await Storage.PolicyStores.CreateAliasAsync(s_tenant, "policy-store-alias/a", "store1", s_now, 10, CancellationToken.None);
        Assert.Equal(IdempotentCreateStatus.Created, status);
        Assert.True(await Storage.PolicyStores.DeleteAliasAsync(s_tenant, "policy-store-alias/a", s_now, CancellationToken.None));
        Assert.False(await Storage.PolicyStores.DeleteAliasAsync(s_tenant, "policy-store-alias/a", s_now, CancellationToken.None));
        Assert.Equal(0, await Storage.PolicyStores.PurgeDeletedAliasesAsync(s_now, CancellationToken.None));
        Assert.Equal(IdempotentCreateStatus.NameConflict,
            (await Storage.PolicyStores.CreateAliasAsync(s_tenant, "policy-store-alias/a", "store1", s_now, 10, CancellationToken.None)).Status);
        Assert.Equal(1, await Storage.PolicyStores.PurgeDeletedAliasesAsync(s_now.AddMinutes(1), CancellationToken.None));
        Assert.Equal(IdempotentCreateStatus.Created,
            (await Storage.PolicyStores.CreateAliasAsync(s_tenant, "policy-store-alias/a", "store1", s_now, 10, CancellationToken.None)).Status);
    }

    [Theory]
    [SqliteBackend]
    [PostgresBackend]
    public async Task Protected_store_is_not_deleted(string backend)
    {
        await using var open = _open = await backends.OpenAsync(backend);
        await Storage.PolicyStores.CreateAsync(s_tenant, NewStore("p") with { DeletionProtection = "ENABLED" }, 100, null, _ => "{}", CancellationToken.None);
        Assert.Equal(DeletePolicyStoreStatus.DeletionProtected, await Storage.PolicyStores.DeleteAsync(s_tenant, "p", s_now, CancellationToken.None));
        Assert.NotNull(await Storage.PolicyStores.GetAsync(s_tenant, "p", CancellationToken.None));
    }

    [Theory]
    [SqliteBackend]
    [PostgresBackend]
    public async Task Policies_templates_and_schemas_round_trip_with_versions_and_filters(string backend)
    {
        await using var open = _open = await backends.OpenAsync(backend);
        var ct = CancellationToken.None;
        await CreateAsync("store1");
        var version = (await Storage.PolicyStores.GetAsync(s_tenant, "store1", ct))!.Version;
        var when = new DateTimeOffset(s_now.UtcTicks - (s_now.UtcTicks % 10), TimeSpan.Zero);
        var template = new PolicyTemplateRecord(s_tenant, "store1", "t1", "name/readers", "readers", "permit(principal == ?principal, action, resource);", when, when);
        Assert.Equal(IdempotentCreateStatus.Created, (await Storage.Policies.CreateTemplateAsync(s_tenant, template, 1, null, _ => "{}", ct)).Status);
        Assert.Equal(IdempotentCreateStatus.QuotaExceeded,
            (await Storage.Policies.CreateTemplateAsync(s_tenant, template with { PolicyTemplateId = "t2", Name = null }, 1, null, _ => "{}", ct)).Status);

        var alice = new StoredEntity("User", "alice");
        var doc = new StoredEntity("Doc", "d1");
        var read = new StoredEntity("Action", "read");
        var stat = new PolicyRecord(s_tenant, "store1", "p1", "STATIC", "name/first", "permit(principal == User::\"alice\", action, resource == Doc::\"d1\");",
            "first", null, null, null, alice, doc, null, "Permit", when, when);
        Assert.Equal(IdempotentCreateStatus.Created,
            (await Storage.Policies.CreatePolicyAsync(s_tenant, "store1", null, null, _ => stat, p => p.PolicyId, ct)).Status);
        Assert.Equal(IdempotentCreateStatus.NameConflict,
            (await Storage.Policies.CreatePolicyAsync(s_tenant, "store1", null, null, _ => stat with { PolicyId = "p9" }, p => p.PolicyId, ct)).Status);
        var link = await Storage.Policies.CreatePolicyAsync(s_tenant, "store1", "name/readers", null,
            t => new PolicyRecord(s_tenant, "store1", "p2", "TEMPLATE_LINKED", null, null, null, t!.PolicyTemplateId, alice, null, alice, null, null, "Permit", when, when),
            p => p.PolicyId, ct);
        Assert.Equal(IdempotentCreateStatus.Created, link.Status);
        Assert.Equal(IdempotentCreateStatus.ParentNotFound,
            (await Storage.Policies.CreatePolicyAsync(s_tenant, "store1", "missing", null, _ => null, p => p.PolicyId, ct)).Status);

        Assert.Equal(stat, await Storage.Policies.GetPolicyAsync(s_tenant, "store1", "name/first", ct));
        Assert.Null(await Storage.Policies.GetPolicyAsync(s_tenant with { Region = "eu-west-1" }, "store1", "p1", ct));
        async Task<string[]> Ids(PolicyQuery query) =>
            [.. (await Storage.Policies.ListPoliciesAsync(s_tenant, "store1", query, null, 10, ct)).Items.Select(p => p.PolicyId)];
        Assert.Equal(["p1", "p2"], await Ids(new PolicyQuery(Principal: alice)));
        Assert.Equal(["p2"], await Ids(new PolicyQuery(ResourceUnspecified: true)));
        Assert.Equal(["p1"], await Ids(new PolicyQuery(Resource: doc, PolicyType: "STATIC")));
        Assert.Equal(["p2"], await Ids(new PolicyQuery(PolicyTemplateId: "t1")));
        var firstPage = await Storage.Policies.ListPoliciesAsync(s_tenant, "store1", new PolicyQuery(), null, 1, ct);
        Assert.Equal(["p2"], (await Storage.Policies.ListPoliciesAsync(s_tenant, "store1", new PolicyQuery(), firstPage.NextPosition, 1, ct)).Items.Select(p => p.PolicyId));

        // An update keeps the listing order; a template update reaches its links' actions.
        var (status, updated) = await Storage.Policies.UpdatePolicyAsync(s_tenant, "store1", "p1", p => p with { Actions = [read], Description = null }, ct);
        Assert.Equal(ChangeStatus.Done, status);
        Assert.Equal([read], updated!.Actions);
        Assert.Equal(["p1", "p2"], await Ids(new PolicyQuery()));
        var (templateStatus, _) = await Storage.Policies.UpdateTemplateAsync(s_tenant, "store1", "t1",
            t => t with { Statement = "permit(principal == ?principal, action == Action::\"read\", resource);" }, [read], ct);
        Assert.Equal(ChangeStatus.Done, templateStatus);
        Assert.Equal([read], (await Storage.Policies.GetPolicyAsync(s_tenant, "store1", "p2", ct))!.Actions);

        var (schemaStatus, schema) = await Storage.Policies.PutSchemaAsync(s_tenant, "store1", """{"App":{"entityTypes":{},"actions":{}}}""", ["App"], when, ct);
        Assert.Equal(ChangeStatus.Done, schemaStatus);
        Assert.Equal(["App"], schema!.Namespaces);
        Assert.Equal(ChangeStatus.StoreNotFound, (await Storage.Policies.PutSchemaAsync(s_tenant, "missing", "{}", [], when, ct)).Status);

        var snapshot = await Storage.Policies.LoadSnapshotAsync(s_tenant, "store1", ct);
        Assert.Equal((await Storage.PolicyStores.GetAsync(s_tenant, "store1", ct))!.Version, snapshot!.Version);
        Assert.True(snapshot.Version >= version + 6, $"every write bumps the version: {version} -> {snapshot.Version}");
        Assert.Equal(["p1", "p2"], snapshot.Policies.Select(p => p.PolicyId));
        Assert.Equal(["t1"], snapshot.Templates.Select(t => t.PolicyTemplateId));
        Assert.Equal("App", Assert.Single(snapshot.Schema!.Namespaces));

        // Deleting the template deletes its links; the store's deletion takes everything.
        Assert.True(await Storage.Policies.DeleteTemplateAsync(s_tenant, "store1", "name/readers", ct));
        Assert.Equal(["p1"], await Ids(new PolicyQuery()));
        Assert.True(await Storage.Policies.DeletePolicyAsync(s_tenant, "store1", "p1", ct));
        Assert.False(await Storage.Policies.DeletePolicyAsync(s_tenant, "store1", "p1", ct));
        await _open.ReopenAsync();
        Assert.Equal("App", (await Storage.Policies.GetSchemaAsync(s_tenant, "store1", ct))!.Namespaces[0]);
        Assert.Equal(DeletePolicyStoreStatus.Deleted, await Storage.PolicyStores.DeleteAsync(s_tenant, "store1", when, ct));
        Assert.Null(await Storage.Policies.LoadSnapshotAsync(s_tenant, "store1", ct));
    }

    [Theory]
    [SqliteBackend]
    [PostgresBackend]
    public async Task Concurrent_writers_lose_nothing(string backend)
    {
        await using var open = _open = await backends.OpenAsync(backend);
        await CreateAsync("store1");
        var when = new DateTimeOffset(s_now.UtcTicks - (s_now.UtcTicks % 10), TimeSpan.Zero);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var id = $"w{writer}-{i}";
                var record = new PolicyRecord(s_tenant, "store1", id, "STATIC", null, "permit(principal, action, resource);", null, null, null, null,
                    null, null, null, "Permit", when, when);
                var created = await Storage.Policies.CreatePolicyAsync(s_tenant, "store1", null, null, _ => record, p => p.PolicyId, CancellationToken.None);
                Assert.Equal(IdempotentCreateStatus.Created, created.Status);
            }
        })));
        var snapshot = await Storage.Policies.LoadSnapshotAsync(s_tenant, "store1", CancellationToken.None);
        Assert.Equal(100, snapshot!.Policies.Count);
        Assert.Equal(101, snapshot.Version);
    }

    [Theory]
    [SqliteBackend]
    [PostgresBackend]
    public async Task Identity_sources_keep_their_quota_order_filter_and_tokens(string backend)
    {
        await using var open = _open = await backends.OpenAsync(backend);
        var ct = CancellationToken.None;
        await CreateAsync("store1");
        var when = new DateTimeOffset(s_now.UtcTicks - (s_now.UtcTicks % 10), TimeSpan.Zero);
        IdentitySourceRecord Source(string id, string type) => new(s_tenant, "store1", id, type, """{"cognitoUserPoolConfiguration":{}}""", when, when);
        var key = new IdempotencyKey("CreateIdentitySource", "t1", "fingerprint", s_now.AddHours(-8));
        var first = await Storage.IdentitySources.CreateAsync(Source("a", "User"), 3, key, i => i.IdentitySourceId, ct);
        Assert.Equal(IdempotentCreateStatus.Created, first.Status);
        var replay = await Storage.IdentitySources.CreateAsync(Source("x", "User"), 3, key, i => i.IdentitySourceId, ct);
        Assert.Equal((IdempotentCreateStatus.Replayed, "a", first.RecordedResponse), (replay.Status, replay.ResourceId, replay.RecordedResponse));
        Assert.Equal(IdempotentCreateStatus.TokenConflict,
            (await Storage.IdentitySources.CreateAsync(Source("y", "User"), 3, key with { Fingerprint = "other" }, i => i.IdentitySourceId, ct)).Status);
        Assert.Equal(IdempotentCreateStatus.Created, (await Storage.IdentitySources.CreateAsync(Source("b", "Admin"), 3, null, i => i.IdentitySourceId, ct)).Status);
        Assert.Equal(IdempotentCreateStatus.Created, (await Storage.IdentitySources.CreateAsync(Source("c", "User"), 3, null, i => i.IdentitySourceId, ct)).Status);
        Assert.Equal(IdempotentCreateStatus.QuotaExceeded, (await Storage.IdentitySources.CreateAsync(Source("d", "User"), 3, null, i => i.IdentitySourceId, ct)).Status);
        Assert.Equal(IdempotentCreateStatus.ParentNotFound,
            (await Storage.IdentitySources.CreateAsync(Source("e", "User") with { PolicyStoreId = "missing" }, 3, null, i => i.IdentitySourceId, ct)).Status);

        Assert.Equal("a", (await Storage.IdentitySources.GetForPolicyStoreAsync(s_tenant, "store1", ct))!.IdentitySourceId);
        Assert.Equal(Source("b", "Admin"), await Storage.IdentitySources.GetAsync(s_tenant, "store1", "b", ct));
        Assert.Null(await Storage.IdentitySources.GetAsync(s_tenant with { Account = "111111111111" }, "store1", "b", ct));
        var users = await Storage.IdentitySources.ListAsync(s_tenant, "store1", "User", null, 1, ct);
        Assert.Equal(["a"], users.Items.Select(i => i.IdentitySourceId));
        Assert.Equal(["c"], (await Storage.IdentitySources.ListAsync(s_tenant, "store1", "User", users.NextPosition, 1, ct)).Items.Select(i => i.IdentitySourceId));
        Assert.Equal(["a", "b", "c"], (await Storage.IdentitySources.ListAsync(s_tenant, "store1", null, null, 10, ct)).Items.Select(i => i.IdentitySourceId));

        var (status, updated) = await Storage.IdentitySources.UpdateAsync(s_tenant, "store1", "b", i => i with { PrincipalEntityType = "Employee" }, ct);
        Assert.Equal(ChangeStatus.Done, status);
        Assert.Equal("Employee", updated!.PrincipalEntityType);
        Assert.Equal(ChangeStatus.NotFound, (await Storage.IdentitySources.UpdateAsync(s_tenant, "store1", "zz", i => i, ct)).Status);
        await _open.ReopenAsync();
        Assert.Equal("Employee", (await Storage.IdentitySources.GetAsync(s_tenant, "store1", "b", ct))!.PrincipalEntityType);
        Assert.True(await Storage.IdentitySources.DeleteAsync(s_tenant, "store1", "a", ct));
        Assert.False(await Storage.IdentitySources.DeleteAsync(s_tenant, "store1", "a", ct));
        Assert.Equal("b", (await Storage.IdentitySources.GetForPolicyStoreAsync(s_tenant, "store1", ct))!.IdentitySourceId);
    }

    private ValueTask<IdempotentCreateResult> CreateAsync(string id, IdempotencyKey? key = null, int max = 100) =>
        Storage.PolicyStores.CreateAsync(s_tenant, NewStore(id), max, key, created => $$"""{"id":"{{created.PolicyStoreId}}"}""", CancellationToken.None);

    private static NewPolicyStore NewStore(string id) =>
        new(id, "OFF", "DISABLED", null, """{"default":{}}""", "CEDAR_4", new DateTimeOffset(s_now.UtcTicks - (s_now.UtcTicks % 10), TimeSpan.Zero),
            new Dictionary<string, string>());
}
