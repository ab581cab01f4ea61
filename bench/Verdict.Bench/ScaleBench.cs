using System.Diagnostics;
using System.Globalization;
using Cedar.Authorization;
using Cedar.Entities;
using Cedar.Json;

namespace Verdict.Bench;

/// <summary>
/// The w3 goal: the authorizer's median per request on a large policy set against a small one, in one process, with
/// passes over the two alternating so that load from other processes on a shared machine falls on both alike.
/// Entities are parsed before timing: this measures the authorizer (policy lookup and evaluation) alone.
/// </summary>
internal static class ScaleBench
{
    public static int Run(string[] args)
    {
        var seconds = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 10;
        var small = Load(args[1]);
        var large = Load(args[2]);
        var smallSamples = new List<long>();
        var largeSamples = new List<long>();
        Pass(small, null);
        Pass(large, null);
        var budget = Stopwatch.StartNew();
        for (var round = 0; round < 2 || budget.Elapsed.TotalSeconds < seconds; round++)
        {
            Pass(small, smallSamples);
            Pass(large, largeSamples);
        }

        var smallMedian = Median(smallSamples);
        var largeMedian = Median(largeSamples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"smallPolicies\":{small.Policies.Count},\"largePolicies\":{large.Policies.Count},\"smallMedianUs\":{smallMedian:F2},\"largeMedianUs\":{largeMedian:F2}," +
            $"\"smallP99Us\":{Percentile(smallSamples, 0.99):F2},\"largeP99Us\":{Percentile(largeSamples, 0.99):F2},\"ratio\":{largeMedian / smallMedian:F2},\"samplesEach\":{smallSamples.Count}}}"));
        return 0;
    }

    private static Loaded Load(string dir)
    {
        var policies = CompiledPolicySet.Compile(Workload.ReadPolicies(dir));
        var requests = Workload.ReadRequests(dir, int.MaxValue)
            .Select(r => (new Request(r.Principal, r.Action, r.Resource, EntityJson.ParseContext(r.ContextJson).Value), EntityJson.ParseEntities(r.EntitiesJson).Value!))
            .ToArray();
        return new Loaded(policies, requests);
    }

    private static void Pass(Loaded w, List<long>? samples)
    {
        foreach (var (request, entities) in w.Requests)
        {
            var start = Stopwatch.GetTimestamp();
            Authorizer.IsAuthorized(request, w.Policies, entities);
            samples?.Add(Stopwatch.GetTimestamp() - start);
        }
    }

    private static double Median(List<long> samples) => Percentile(samples, 0.5);

    private static double Percentile(List<long> samples, double p)
    {
        samples.Sort();
        return samples[(int)(samples.Count * p)] * 1e6 / Stopwatch.Frequency;
    }

    private sealed record Loaded(CompiledPolicySet Policies, (Request Request, EntityStore Entities)[] Requests);
}
