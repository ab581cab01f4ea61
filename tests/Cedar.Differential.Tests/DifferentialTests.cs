using System.Globalization;
using Cedar.Differential.Tests.Generation;
using Cedar.Tests.Support;
using Xunit.Abstractions;

namespace Cedar.Differential.Tests;

/// <summary>
/// Random policy sets, entities and requests, drawn from a seed, give the same decision, the same determining
/// policies and the same erroring policies in Verdict as in the official engine. Set DIFF_SEED and DIFF_REQUESTS
/// to explore further; every failure prints its seed and scenario.
/// </summary>
public class DifferentialTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20261206;
    private const int DefaultRequests = 20_000;
    private const int RequestsPerScenario = 20;

    [Fact]
    public void Verdict_agrees_with_the_official_engine_on_generated_scenarios()
    {
        var seed = EnvInt("DIFF_SEED", DefaultSeed);
        var total = EnvInt("DIFF_REQUESTS", DefaultRequests);
        var generator = new ScenarioGenerator(seed);
        int compared = 0, loaded = 0, allow = 0, withErrors = 0, scenarioIndex = 0, mismatchCount = 0;
        var mismatches = new List<string>();
        while (compared < total)
        {
            var scenario = generator.Next(RequestsPerScenario);
            var expected = OracleRunner.AuthorizeAll(CedarOracle.Shared, scenario);
            var actual = EngineRunner.AuthorizeAll(scenario);
            for (var i = 0; i < expected.Count; i++)
            {
                compared++;
                if (expected[i].Parsed)
                {
                    loaded++;
                    allow += expected[i].Decision == "ALLOW" ? 1 : 0;
                    withErrors += expected[i].Errors.Count > 0 ? 1 : 0;
                }

                if (!expected[i].SameAs(actual[i]) && ++mismatchCount <= 10)
                {
                    var r = scenario.Requests[i];
                    mismatches.Add(
                        $"seed {seed}, scenario {scenarioIndex}, request {i}\n  expected: {expected[i]}\n  actual:   {actual[i]}\n" +
                        $"  request: principal={r.PrincipalJson} action={r.ActionJson} resource={r.ResourceJson} context={r.ContextJson}\n" +
                        $"  policies:\n{scenario.StaticPolicies}\n  templates: {string.Join(" | ", scenario.Templates.Select(t => t.Id + ": " + t.Text))}\n" +
                        $"  links: {string.Join(" | ", scenario.Links)}\n  entities: {scenario.EntitiesJson}");
                }
            }

            scenarioIndex++;
        }

        output.WriteLine($"seed {seed}: {compared} requests compared ({loaded} loaded, {allow} allow, {withErrors} with errors), {mismatchCount} mismatches");
        Assert.True(mismatchCount == 0, $"{mismatchCount} of {compared} requests disagree; the first ones:\n" + string.Join("\n\n", mismatches));
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
