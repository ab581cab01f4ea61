using System.Diagnostics;
using System.Globalization;
using Cedar.Authorization;

namespace Verdict.Bench;

/// <summary>
/// Resident and managed memory retained by a compiled policy set (what the server keeps per store version), per
/// policy: measured after a full collection, with the workload text and the parsed policy set dropped.
/// </summary>
internal static class MemoryBench
{
    public static int Run(string[] args)
    {
        var dir = args[1];
        var (rssBefore, heapBefore) = Snapshot();
        var compiled = Load(dir);
        var (rssAfter, heapAfter) = Snapshot();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"policies\":{compiled.Count},\"rssBytesPerPolicy\":{(double)(rssAfter - rssBefore) / compiled.Count:F0}," +
            $"\"managedBytesPerPolicy\":{(double)(heapAfter - heapBefore) / compiled.Count:F0},\"rssTotalMb\":{rssAfter / 1048576.0:F1}}}"));
        GC.KeepAlive(compiled);
        return 0;
    }

    private static CompiledPolicySet Load(string dir) => CompiledPolicySet.Compile(Workload.ReadPolicies(dir));

    private static (long Rss, long Heap) Snapshot()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var self = Process.GetCurrentProcess();
        return (self.WorkingSet64, GC.GetTotalMemory(forceFullCollection: true));
    }
}
