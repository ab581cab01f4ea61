using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cedar.Authorization;
using Cedar.Entities;
using Cedar.Json;
using Cedar.Values;

namespace Verdict.Bench;

/// <summary>
/// Times Verdict's authorizer per request on a workload, the way bench/authz/cedar-wasm.mjs times the official
/// engine: each request starts from its JSON text (context and entity slice), is parsed and authorized against a
/// policy set compiled once. Also times the authorizer alone (entities already parsed), counts allocated bytes per
/// request, and writes every answer (decision, determining policies, erroring policies) for the agreement check.
/// </summary>
internal static class AuthorizeBench
{
    public static int Run(string[] args)
    {
        var dir = args[1];
        var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var max = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : int.MaxValue;
        var authorizerOnly = args.Length > 4 && args[4] == "authorizer-only";

        var loadWatch = Stopwatch.StartNew();
        var policySet = Workload.ReadPolicies(dir);
        var compiled = CompiledPolicySet.Compile(policySet);
        var loadMs = loadWatch.Elapsed.TotalMilliseconds;
        var requests = Workload.ReadRequests(dir, max);

        var answers = requests.Select(r => Describe(FromJson(r, compiled))).ToList();
        File.WriteAllText(Path.Combine(dir, "verdict-answers.json"), JsonSerializerAnswers(answers));

        var endToEnd = authorizerOnly ? new Timing(0, 0, 0, 0) : Measure(requests.Count, seconds, i => FromJson(requests[i], compiled));

        var parsed = requests.Select(r => (Request: new Request(r.Principal, r.Action, r.Resource, ParseContext(r)), Entities: ParseEntities(r))).ToList();
        var authorizeOnly = Measure(requests.Count, seconds, i => Authorizer.IsAuthorized(parsed[i].Request, compiled, parsed[i].Entities));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"engine\":\"verdict\",\"policies\":{compiled.Count},\"requests\":{requests.Count},\"loadMs\":{loadMs:F0}," +
            $"\"allows\":{answers.Count(a => a.StartsWith("allow", StringComparison.Ordinal))}," +
            $"\"medianUs\":{endToEnd.MedianUs:F2},\"p99Us\":{endToEnd.P99Us:F2},\"allocBytes\":{endToEnd.AllocatedBytesPerRequest:F0},\"samples\":{endToEnd.Samples}," +
            $"\"authorizeOnlyMedianUs\":{authorizeOnly.MedianUs:F2},\"authorizeOnlyP99Us\":{authorizeOnly.P99Us:F2},\"authorizeOnlyAllocBytes\":{authorizeOnly.AllocatedBytesPerRequest:F0}," +
            $"\"gcPausePercent\":{endToEnd.GcPausePercent:F1},\"authorizeOnlyGcPausePercent\":{authorizeOnly.GcPausePercent:F1}}}"));
        return 0;
    }

    private static Response FromJson(WorkloadRequest r, CompiledPolicySet policies) =>
        Authorizer.IsAuthorized(new Request(r.Principal, r.Action, r.Resource, ParseContext(r)), policies, ParseEntities(r));

    private static RecordValue ParseContext(WorkloadRequest r)
    {
        var context = EntityJson.ParseContext(r.ContextJson);
        return context.Success ? context.Value! : throw new InvalidDataException("context: " + context.Errors[0].Message);
    }

    private static EntityStore ParseEntities(WorkloadRequest r)
    {
        var entities = EntityJson.ParseEntities(r.EntitiesJson);
        return entities.Success ? entities.Value! : throw new InvalidDataException("entities: " + entities.Errors[0].Message);
    }

    /// <summary>Warm-up pass, then passes over all requests (at least two) until the time budget is spent.</summary>
    private static Timing Measure(int count, double seconds, Func<int, Response> once)
    {
        var warmUp = Stopwatch.StartNew();
        do
        {
            for (var i = 0; i < count; i++)
            {
                once(i);
            }
        }
        while (warmUp.Elapsed.TotalSeconds < Math.Min(1, seconds / 4));

        var samples = new List<long>();
        var gcCountBefore = GC.CollectionCount(0);
        var gcPauseBefore = GC.GetTotalPauseDuration();
        long allocated = 0;
        long calls = 0;
        var budget = Stopwatch.StartNew();
        for (var pass = 0; pass < 2 || budget.Elapsed.TotalSeconds < seconds; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                once(i);
                samples.Add(Stopwatch.GetTimestamp() - start);
            }

            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            calls += count;
        }

        var elapsed = budget.Elapsed;
        var gcPause = GC.GetTotalPauseDuration() - gcPauseBefore;
        samples.Sort();
        double Us(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
        return new Timing(Us(samples[samples.Count / 2]), Us(samples[(int)(samples.Count * 0.99)]), (double)allocated / calls, samples.Count,
            GC.CollectionCount(0) - gcCountBefore, gcPause.TotalMilliseconds * 100 / elapsed.TotalMilliseconds);
    }

    private static string Describe(Response response) =>
        (response.Decision == Decision.Allow ? "allow" : "deny") + "|" +
        string.Join(",", response.DeterminingPolicies.Order(StringComparer.Ordinal)) + "|" +
        string.Join(",", response.Errors.Select(e => e.PolicyId).Order(StringComparer.Ordinal));

    private static string JsonSerializerAnswers(List<string> answers)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var a in answers)
            {
                w.WriteStringValue(a);
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private sealed record Timing(double MedianUs, double P99Us, double AllocatedBytesPerRequest, int Samples, int Collections = 0, double GcPausePercent = 0);
}
