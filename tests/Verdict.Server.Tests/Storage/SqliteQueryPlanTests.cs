using Microsoft.Data.Sqlite;
using Verdict.Storage.Sqlite;

namespace Verdict.Server.Tests.Storage;

/// <summary>
/// The policy queries that run on every write (the per-resource size quota) or on filtered lists are answered from an
/// index, not a scan of the store's policies: SQLite's own query plan says which.
/// </summary>
public sealed class SqliteQueryPlanTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "verdict-plan-" + Guid.NewGuid().ToString("N"));
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

    [Theory]
    [InlineData("resource_type = 'T' AND resource_id = 'r'", "policies_by_resource")]
    [InlineData("resource_type IS NULL", "policies_by_resource")]
    [InlineData("principal_type = 'T' AND principal_id = 'p'", "policies_by_principal")]
    [InlineData("template_id = 't'", "policies_by_template")]
    public void Filtered_policy_queries_use_an_index(string filter, string index)
    {
        using var connection = new SqliteConnection($"Data Source={_storage.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            $"EXPLAIN QUERY PLAN SELECT * FROM policies WHERE account = 'a' AND region = 'r' AND policy_store_id = 's' AND seq > 0 AND {filter} ORDER BY seq LIMIT 1001;";
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, step => step.Contains("USING INDEX " + index, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN policies", StringComparison.Ordinal));
    }
}
