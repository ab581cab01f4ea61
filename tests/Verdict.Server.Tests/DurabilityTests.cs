using System.Net;
using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>Acknowledged writes survive SIGKILL; the server starts, logs one line, and stops cleanly on SIGTERM.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public void Every_acknowledged_store_survives_sigkill()
    {
        var data = Path.Combine(Path.GetTempPath(), "verdict-durability-" + Guid.NewGuid().ToString("N"));
        try
        {
            var acknowledged = new List<(string Id, string Description)>();
            using (var server = VerdictServerProcess.Start(data))
            using (var client = new RawClient(server))
            {
                Parallel.For(0, 300, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
                {
                    var description = $"durable-{i}";
                    var id = client.CreateStore(extra: $$""","description":"{{description}}","tags":{"n":"{{i}}"}""");
                    lock (acknowledged)
                    {
                        acknowledged.Add((id, description));
                    }
                });
                server.Kill();
                Assert.True(server.HasExited);
            }

            using (var restarted = VerdictServerProcess.Start(data))
            using (var client = new RawClient(restarted))
            {
                var found = new Dictionary<string, string>();
                string? next = null;
                do
                {
                    var body = next is null ? """{"maxResults":50}""" : $$"""{"maxResults":50,"nextToken":"{{next}}"}""";
                    var page = client.Call("VerifiedPermissions.ListPolicyStores", body);
                    Assert.Equal(HttpStatusCode.OK, page.Status);
                    foreach (var store in page.Body.GetProperty("policyStores").EnumerateArray())
                    {
                        found.Add(store.GetProperty("policyStoreId").GetString()!, store.GetProperty("description").GetString()!);
                    }

                    next = page.Body.TryGetProperty("nextToken", out var token) ? token.GetString() : null;
                }
                while (next is not null);

                Assert.Equal(acknowledged.Count, found.Count);
                foreach (var (id, description) in acknowledged)
                {
                    Assert.Equal(description, found[id]);
                }

                var (sampleId, _) = acknowledged[0];
                var tags = client.Call("VerifiedPermissions.ListTagsForResource",
                    $$"""{"resourceArn":"arn:aws:verifiedpermissions::000000000000:policy-store/{{sampleId}}"}""");
                Assert.True(tags.Body.GetProperty("tags").TryGetProperty("n", out _));
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void Server_logs_one_line_when_listening_and_exits_cleanly_on_sigterm()
    {
        using var server = VerdictServerProcess.Start();
        var exitCode = server.Terminate(TimeSpan.FromSeconds(20));
        Assert.Equal(0, exitCode);
        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var listening = Assert.Single(lines, l => l.Contains("listening", StringComparison.OrdinalIgnoreCase));
        Assert.Contains($"http://127.0.0.1:{server.Port}", listening, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("crit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Serve_rejects_a_bad_port_with_usage_exit_code()
    {
        var result = ExternalTool.Run("dotnet", [VerdictServerProcess.VerdictDll, "serve", "--port", "http"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--port", result.StandardError, StringComparison.Ordinal);
    }
}
