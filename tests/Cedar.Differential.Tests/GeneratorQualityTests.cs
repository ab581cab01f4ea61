using Cedar.Differential.Tests.Generation;
using Cedar.Tests.Support;

namespace Cedar.Differential.Tests;

/// <summary>
/// The generator is only useful if the official engine accepts most of what it draws and if the drawn requests
/// cover every decision and error outcome; this keeps it honest.
/// </summary>
public class GeneratorQualityTests
{
    [Fact]
    public void Most_generated_scenarios_load_and_outcomes_are_varied()
    {
        var generator = new ScenarioGenerator(20261206);
        int loaded = 0, failed = 0, allow = 0, deny = 0, withErrors = 0;
        var failures = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var scenario = generator.Next(3);
            foreach (var o in OracleRunner.AuthorizeAll(CedarOracle.Shared, scenario))
            {
                if (!o.Parsed)
                {
                    failed++;
                    if (failures.Count < 5)
                    {
                        failures.Add(o.Detail + "\n" + scenario.StaticPolicies);
                    }

                    continue;
                }

                loaded++;
                if (o.Decision == "ALLOW")
                {
                    allow++;
                }
                else
                {
                    deny++;
                }

                if (o.Errors.Count > 0)
                {
                    withErrors++;
                }
            }
        }

        Assert.True(failed * 20 < loaded, $"{failed} of {loaded + failed} requests failed to load:\n" + string.Join("\n---\n", failures));
        Assert.True(allow * 10 > loaded, $"only {allow} allows of {loaded}");
        Assert.True(deny * 10 > loaded, $"only {deny} denies of {loaded}");
        Assert.True(withErrors * 10 > loaded, $"only {withErrors} requests with errors of {loaded}");
    }
}
