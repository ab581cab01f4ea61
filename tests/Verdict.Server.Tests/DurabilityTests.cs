using System.Net;
using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>Acknowledged writes survive SIGKILL; the server starts, logs one line, and stops cleanly on SIGTERM.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task Every_acknowledged_policy_survives_sigkill_in_the_middle_of_writing()
    {
        const int KillAfter = 2_500;
        var data = Path.Combine(Path.GetTempPath(), "verdict-durability-" + Guid.NewGuid().ToString("N"));
        try
        {
            var acknowledged = new Dictionary<string, int>();
            string storeId;
            using (var server = VerdictServerProcess.Start(data))
            using (var client = new RawClient(server))
            {
                storeId = client.CreateStore();
                var next = -1;
                var killed = false;
                var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
                {
                    while (!Volatile.Read(ref killed))
                    {
                        var i = Interlocked.Increment(ref next);
                        var body = "{\"policyStoreId\":\"" + storeId + "\",\"definition\":{\"static\":{\"statement\":\"permit(principal == User::\\\"u" + i + "\\\", action, resource);\"}}}";
                        RawClient.Answer answer;
                        try
                        {
                            answer = client.Call("VerifiedPermissions.CreatePolicy", body);
                        }
                        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                        {
                            return; // the server was killed under this request: it was never acknowledged
                        }

                        Assert.Equal(HttpStatusCode.OK, answer.Status);
                        lock (acknowledged)
                        {
                            acknowledged[answer.Body.GetProperty("policyId").GetString()!] = i;
                        }
                    }
                })).ToArray();

                while (true)
                {
                    lock (acknowledged)
                    {
                        if (acknowledged.Count >= KillAfter)
                        {
                            break;
                        }
                    }

                    Thread.Sleep(5);
                }

                // SIGKILL while the four writers are still sending: no chance to flush anything.
                server.Kill();
                Volatile.Write(ref killed, true);
                await Task.WhenAll(writers);
            }

            using (var restarted = VerdictServerProcess.Start(data))
            using (var client = new RawClient(restarted))
            {
                var found = new Dictionary<string, string>();
                string? next = null;
                do
                {
                    var body = next is null
                        ? $$"""{"policyStoreId":"{{storeId}}","maxResults":50}"""
                        : $$"""{"policyStoreId":"{{storeId}}","maxResults":50,"nextToken":"{{next}}"}""";
                    var page = client.Call("VerifiedPermissions.ListPolicies", body);
                    Assert.Equal(HttpStatusCode.OK, page.Status);
                    foreach (var policy in page.Body.GetProperty("policies").EnumerateArray())
                    {
                        found[policy.GetProperty("policyId").GetString()!] = policy.GetProperty("principal").GetProperty("entityId").GetString()!;
                    }

                    next = page.Body.TryGetProperty("nextToken", out var token) ? token.GetString() : null;
                }
                while (next is not null);

                Assert.True(acknowledged.Count >= KillAfter);
                foreach (var (id, i) in acknowledged)
                {
                    Assert.True(found.TryGetValue(id, out var principal), $"acknowledged policy {id} is missing after the restart");
                    Assert.Equal("u" + i, principal);
                }
            }
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

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
