using Cedar.Tests.Support;
using Xunit.Abstractions;

namespace Cedar.Conformance.Tests;

/// <summary>
/// Every test of the public half of the official Cedar integration tests (shared corpus, format v1), run through
/// Verdict. One fact per category keeps the output readable; a failure lists the first 50 mismatches and the totals.
/// </summary>
public class ConformanceTests(ITestOutputHelper output)
{
    private const string PinnedCommit = "f161e9f858a05134aeb74d5e13c91d85bc8c320d";

    private static string PublicData => Path.Combine(RepositoryPaths.CedarCorpus, "data", "public");

    [Fact]
    public void Corpus_is_the_pinned_version()
    {
        var format = File.ReadAllText(Path.Combine(RepositoryPaths.CedarCorpus, "FORMAT.md"));
        Assert.Contains(PinnedCommit, format, StringComparison.Ordinal);
    }

    [Fact]
    public void Handwritten_tests_all_pass() => RunAll("handwritten", expectedTests: 22, expectedRequests: 74);

    [Fact]
    public void Corpus_tests_all_pass() => RunAll("corpus", expectedTests: 3961, expectedRequests: 31688);

    private void RunAll(string category, int expectedTests, int expectedRequests)
    {
        var files = Directory.EnumerateFiles(Path.Combine(PublicData, category), "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();
        var outcomes = new TestOutcome[files.Count];
        Parallel.For(0, files.Count, i => outcomes[i] = ConformanceRunner.Run(files[i]));

        var passedTests = outcomes.Count(o => o.Passed);
        var requests = outcomes.Sum(o => o.Requests);
        var passedRequests = outcomes.Sum(o => o.PassedRequests);
        var summary = $"{category}: {passedTests}/{outcomes.Length} tests, {passedRequests}/{requests} requests passed";
        output.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("CONFORMANCE_REPORT") is { Length: > 0 } reportDir)
        {
            // Every problem, one per line, for digging beyond the first 50.
            File.WriteAllLines(
                Path.Combine(reportDir, category + "-problems.txt"),
                outcomes.SelectMany(o => o.Problems).Select(p => p.ReplaceLineEndings(" ")));
        }

        var problems = outcomes.SelectMany(o => o.Problems).Take(50).ToList();
        foreach (var p in problems)
        {
            output.WriteLine(p);
        }

        Assert.Equal(expectedTests, outcomes.Length);
        Assert.Equal(expectedRequests, requests);
        Assert.True(passedTests == outcomes.Length && passedRequests == requests, summary + "\n" + string.Join("\n", problems));
    }
}
