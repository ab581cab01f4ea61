using Npgsql;
using Verdict.Server.Tests.Storage;
using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>
/// <c>verdict serve</c> on the PostgreSQL backend (VERDICT_POSTGRES_CONNECTION) of a throwaway cluster: boto3 scenarios
/// pass unchanged, and acknowledged writes survive a SIGKILL and restart.
/// </summary>
public sealed class PostgresServerTests : IDisposable
{
    private readonly PostgresCluster? _cluster;
    private readonly string _connectionString = "";

    public PostgresServerTests()
    {
        if (PostgresCluster.SkipReason is not null)
        {
            return;
        }

        _cluster = new PostgresCluster();
        using var admin = new NpgsqlConnection(_cluster.ConnectionString());
        admin.Open();
        using var create = new NpgsqlCommand("CREATE DATABASE verdict_server;", admin);
        create.ExecuteNonQuery();
        _connectionString = _cluster.ConnectionString("verdict_server");
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        _cluster?.Dispose();
    }

    [Theory]
    [PostgresBackend]
    public void Scenarios_pass_and_acknowledged_writes_survive_a_kill(string backend)
    {
        Assert.Equal("postgres", backend);
        var environment = new Dictionary<string, string> { ["VERDICT_POSTGRES_CONNECTION"] = _connectionString };
        string storeId;
        using (var server = VerdictServerProcess.Start(environment: environment))
        {
            foreach (var (script, scenario) in new[] { ("avp_policies_boto3.py", "authorization"), ("avp_policies_boto3.py", "templates"), ("avp_limits_boto3.py", "resource_size") })
            {
                var result = ExternalTool.Run("python3", [Path.Combine(AppContext.BaseDirectory, "clients", script), server.Endpoint, scenario]);
                Assert.True(result.ExitCode == 0, result.ToString());
            }

            var aws = new AwsCli(server);
            storeId = aws.Json("create-policy-store", "--validation-settings", "mode=OFF", "--description", "survives").GetProperty("policyStoreId").GetString()!;
            aws.Json("create-policy", "--policy-store-id", storeId, "--definition", """{"static":{"statement":"permit(principal == User::\"a\", action, resource);"}}""");
            server.Kill();
        }

        using var restarted = VerdictServerProcess.Start(environment: environment);
        var again = new AwsCli(restarted);
        Assert.Equal("survives", again.Json("get-policy-store", "--policy-store-id", storeId).GetProperty("description").GetString());
        var decision = again.Json("is-authorized", "--policy-store-id", storeId, "--principal", "entityType=User,entityId=a",
            "--action", "actionType=Action,actionId=x", "--resource", "entityType=R,entityId=r");
        Assert.Equal("ALLOW", decision.GetProperty("decision").GetString());
    }
}
