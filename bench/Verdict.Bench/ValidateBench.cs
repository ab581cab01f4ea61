using System.Diagnostics;
using System.Globalization;
using Cedar.Parsing;
using Cedar.Schema;
using Cedar.Validation;

namespace Verdict.Bench;

// Times Verdict's strict validation of a workload the same way bench/validate/cedar-wasm.mjs times the official
// engine: schema parse + policy parse + validate, as one call, in process, after a warm-up.
// usage: Verdict.Bench validate DIR [ITERATIONS]
internal static class ValidateBench
{
    public static int Run(string[] args)
    {
        var dir = args[1];
        var iterations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var schemaText = File.ReadAllText(Path.Combine(dir, "schema.cedarschema"));
        var policyText = File.ReadAllText(Path.Combine(dir, "policies.cedar"));

        ValidationResult Once()
        {
            var schema = CedarSchema.ParseCedar(schemaText);
            var policies = PolicyParser.ParsePolicySet(policyText);
            if (!schema.Success || !policies.Success)
            {
                throw new InvalidOperationException("workload does not parse");
            }

            return Validator.Validate(policies.Value!, schema.Value!.Resolved);
        }

        var first = Once();
        var times = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            Once();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"engine\":\"verdict\",\"errors\":{first.Errors.Count},\"warnings\":{first.Warnings.Count},\"medianMs\":{times[times.Count / 2]:F1},\"minMs\":{times[0]:F1}}}"));
        return 0;
    }
}
