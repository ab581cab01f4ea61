using Verdict.Storage;
using Verdict.Storage.Sqlite;

namespace Verdict.Server.Tests;

/// <summary>
/// The identity-source repository over real SQLite: the per-store quota, creation-order paging with the principal type
/// filter (the service allows one source per store; the repository takes the limit as a parameter, so paging is
/// exercised here with more), updates that keep the identity, and deletion with the policy store.
/// </summary>
public sealed class IdentitySourceStorageTests : IAsyncLifetime
{
    private static readonly Tenant s_tenant = new("000000000000", "us-east-1");
    private static readonly Tenant s_otherTenant = new("111111111111", "us-east-1");
    private static readonly DateTimeOffset s_now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "verdict-idsources-" + Guid.NewGuid().ToString("N"));
    private SqliteVerdictStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _storage = new SqliteVerdictStorage(Path.Combine(_directory, "verdict.db"));
        await _storage.InitializeAsync(CancellationToken.None);
        foreach (var tenant in new[] { s_tenant, s_otherTenant })
        {
            await _storage.PolicyStores.CreateAsync(
                tenant, new NewPolicyStore("store1", "OFF", "DISABLED", null, """{"default":{}}""", "CEDAR_4", s_now, new Dictionary<string, string>()),
                100, null, created => "{}", CancellationToken.None);
        }
    }

    public Task DisposeAsync()
    {
        _storage.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_quota_holds_and_a_missing_store_is_reported()
    {
        Assert.Equal(IdempotentCreateStatus.Created, (await CreateAsync("is1", "User", 1)).Status);
        Assert.Equal(IdempotentCreateStatus.QuotaExceeded, (await CreateAsync("is2", "User", 1)).Status);
        Assert.Equal(IdempotentCreateStatus.ParentNotFound, (await CreateAsync("is3", "User", 1, "nostore")).Status);
        Assert.Equal("is1", (await _storage.IdentitySources.GetForPolicyStoreAsync(s_tenant, "store1", CancellationToken.None))!.IdentitySourceId);
        Assert.Null(await _storage.IdentitySources.GetForPolicyStoreAsync(s_otherTenant, "store1", CancellationToken.None));
        Assert.Null(await _storage.IdentitySources.GetAsync(s_otherTenant, "store1", "is1", CancellationToken.None));
    }

    [Fact]
    public async Task Client_tokens_replay_and_conflict()
    {
        var key = new IdempotencyKey("CreateIdentitySource", "t1", "fingerprint", s_now.AddHours(-8));
        var first = await CreateAsync("is1", "User", 5, key: key);
        Assert.Equal(IdempotentCreateStatus.Created, first.Status);
        var replay = await CreateAsync("is2", "User", 5, key: key);
        Assert.Equal(IdempotentCreateStatus.Replayed, replay.Status);
        Assert.Equal("is1", replay.ResourceId);
        Assert.Equal(first.RecordedResponse, replay.RecordedResponse);
        var conflict = await CreateAsync("is3", "User", 5, key: key with { Fingerprint = "other" });
        Assert.Equal(IdempotentCreateStatus.TokenConflict, conflict.Status);

        // After the token's window the same token creates again.
        var later = await CreateAsync("is4", "User", 5, key: key with { NotBefore = s_now.AddMinutes(1) });
        Assert.Equal(IdempotentCreateStatus.Created, later.Status);
    }

    [Fact]
    public async Task Listing_pages_in_creation_order_and_filters_by_principal_type()
    {
        foreach (var (id, type) in new[] { ("a", "User"), ("b", "Admin"), ("c", "User"), ("d", "User") })
        {
            Assert.Equal(IdempotentCreateStatus.Created, (await CreateAsync(id, type, 10)).Status);
        }

        var seen = new List<string>();
        long? after = null;
        do
        {
            var page = await _storage.IdentitySources.ListAsync(s_tenant, "store1", null, after, 3, CancellationToken.None);
            seen.AddRange(page.Items.Select(i => i.IdentitySourceId));
            after = page.NextPosition;
        }
        while (after is not null);
        Assert.Equal(["a", "b", "c", "d"], seen);

        var users = await _storage.IdentitySources.ListAsync(s_tenant, "store1", "User", null, 2, CancellationToken.None);
        Assert.Equal(["a", "c"], users.Items.Select(i => i.IdentitySourceId));
        var rest = await _storage.IdentitySources.ListAsync(s_tenant, "store1", "User", users.NextPosition, 2, CancellationToken.None);
        Assert.Equal(["d"], rest.Items.Select(i => i.IdentitySourceId));
        Assert.Null(rest.NextPosition);
        Assert.Empty((await _storage.IdentitySources.ListAsync(s_otherTenant, "store1", null, null, 10, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task Updates_keep_the_identity_and_deleting_the_store_deletes_the_source()
    {
        await CreateAsync("is1", "User", 1);
        var later = s_now.AddMinutes(5);
        var (status, updated) = await _storage.IdentitySources.UpdateAsync(s_tenant, "store1", "is1",
            existing => existing with { IdentitySourceId = "hijack", PrincipalEntityType = "Employee", ConfigurationJson = "{\"x\":1}", LastUpdatedDate = later },
            CancellationToken.None);
        Assert.Equal(ChangeStatus.Done, status);
        var stored = await _storage.IdentitySources.GetAsync(s_tenant, "store1", "is1", CancellationToken.None);
        Assert.Equal(updated, stored);
        Assert.Equal(("Employee", "{\"x\":1}", s_now, later), (stored!.PrincipalEntityType, stored.ConfigurationJson, stored.CreatedDate, stored.LastUpdatedDate));
        Assert.Equal(ChangeStatus.NotFound, (await _storage.IdentitySources.UpdateAsync(s_tenant, "store1", "nope", e => e, CancellationToken.None)).Status);

        Assert.Equal(DeletePolicyStoreStatus.Deleted, await _storage.PolicyStores.DeleteAsync(s_tenant, "store1", later, CancellationToken.None));
        Assert.Null(await _storage.IdentitySources.GetAsync(s_tenant, "store1", "is1", CancellationToken.None));

        // A store created again under the same id starts without an identity source.
        await _storage.PolicyStores.CreateAsync(
            s_tenant, new NewPolicyStore("store1", "OFF", "DISABLED", null, """{"default":{}}""", "CEDAR_4", later, new Dictionary<string, string>()),
            100, null, created => "{}", CancellationToken.None);
        Assert.Null(await _storage.IdentitySources.GetForPolicyStoreAsync(s_tenant, "store1", CancellationToken.None));
        Assert.True(await _storage.IdentitySources.DeleteAsync(s_otherTenant, "store1", "none", CancellationToken.None) is false);
    }

    private ValueTask<IdempotentCreateResult> CreateAsync(string id, string principalType, int max, string store = "store1", IdempotencyKey? key = null) =>
        _storage.IdentitySources.CreateAsync(
            new IdentitySourceRecord(s_tenant, store, id, principalType, """{"cognitoUserPoolConfiguration":{"userPoolArn":"arn"}}""", s_now, s_now),
            max, key, created => $$"""{"identitySourceId":"{{created.IdentitySourceId}}"}""", CancellationToken.None);
}
