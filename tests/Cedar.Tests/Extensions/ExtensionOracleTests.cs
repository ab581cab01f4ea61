using Cedar.Extensions;
using Cedar.Values;
using Xunit.Abstractions;

namespace Cedar.Tests.Extensions;

/// <summary>
/// Differential tests against cedar-wasm: thousands of seeded random literals (valid and near-valid) and method
/// calls, each checked for the same acceptance, the same value and the same error message.
/// </summary>
public class ExtensionOracleTests(ITestOutputHelper output)
{
    private const int LiteralsPerType = 2500;
    private const int CallsPerType = 1500;

    public static TheoryData<string> Constructors => new() { "ip", "decimal", "datetime", "duration" };

    [Theory]
    [MemberData(nameof(Constructors))]
    public void Random_literals_parse_exactly_as_cedar_parses_them(string constructor)
    {
        var generator = new LiteralGenerator(20261206 + constructor.Length);
        var literals = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (literals.Count < LiteralsPerType)
        {
            var literal = Generate(generator, constructor);
            if (seen.Add(literal))
            {
                literals.Add(literal);
            }
        }

        var conditions = new List<string>();
        var expectations = new List<string?>();
        var valid = 0;
        foreach (var literal in literals)
        {
            var call = constructor + "(" + OracleConditionBatch.Quote(literal) + ")";
            if (ExtensionFunctions.TryConstruct(constructor, literal, out var value, out var error))
            {
                valid++;
                conditions.Add(call + " == " + OracleConditionBatch.Expression(value) + " && !(" + call + " == " + OracleConditionBatch.Expression(Neighbour(value)) + ")");
                expectations.Add(null);
            }
            else
            {
                conditions.Add(call + " == " + call);
                expectations.Add(error);
            }
        }

        var outcomes = OracleConditionBatch.Evaluate(conditions);
        var mismatches = new List<string>();
        for (var i = 0; i < literals.Count; i++)
        {
            var expectedOutcome = expectations[i] is null ? new OracleOutcome(true, null) : new OracleOutcome(false, expectations[i]);
            if (outcomes[i] != expectedOutcome)
            {
                mismatches.Add($"{constructor}(\"{literals[i]}\"): ours {expectedOutcome}, cedar {outcomes[i]}");
            }
        }

        output.WriteLine($"{constructor}: {literals.Count} literals, {valid} valid, {mismatches.Count} mismatches");
        Assert.True(valid > literals.Count / 5 && valid < literals.Count * 9 / 10, $"unbalanced sample: {valid} valid of {literals.Count}");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(40)));
    }

    [Theory]
    [MemberData(nameof(Constructors))]
    public void Random_method_calls_agree_with_cedar(string constructor)
    {
        var generator = new LiteralGenerator(7_000 + constructor.Length);
        var pool = ValuePool(generator);
        var functions = ExtensionFunctions.All.Where(f => !f.IsConstructor && OwnerOf(f.Name) == constructor).ToList();
        Assert.NotEmpty(functions);

        var conditions = new List<string>();
        var expected = new List<OracleOutcome>();
        var descriptions = new List<string>();
        for (var i = 0; i < CallsPerType; i++)
        {
            var function = generator.Pick(functions);
            var args = new Value[function.Arity];
            for (var a = 0; a < args.Length; a++)
            {
                // Mostly well-typed arguments, sometimes any value, to exercise the type errors too.
                var type = generator.Chance(0.9) ? ArgumentType(function.Name, a) : generator.Pick(pool.Keys.ToList());
                args[a] = generator.Pick(pool[type]);
            }

            var call = OracleConditionBatch.Expression(args[0]) + "." + function.Name + "(" + string.Join(", ", args.Skip(1).Select(OracleConditionBatch.Expression)) + ")";
            var result = function.Apply(args);
            if (result.IsError)
            {
                conditions.Add(call + " == " + call);
                expected.Add(new OracleOutcome(false, result.Error!.Message));
            }
            else
            {
                conditions.Add(call + " == " + OracleConditionBatch.Expression(result.Value!));
                expected.Add(new OracleOutcome(true, null));
            }

            descriptions.Add(call);
        }

        var outcomes = OracleConditionBatch.Evaluate(conditions);
        var mismatches = new List<string>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes[i] != expected[i])
            {
                mismatches.Add($"{descriptions[i]}: ours {expected[i]}, cedar {outcomes[i]}");
            }
        }

        output.WriteLine($"{constructor}: {outcomes.Count} calls, {expected.Count(e => e.ErrorMessage is not null)} expected errors, {mismatches.Count} mismatches");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(40)));
    }

    [Fact]
    public void Random_comparisons_agree_with_cedar()
    {
        var generator = new LiteralGenerator(4242);
        var pool = ValuePool(generator);
        var kinds = pool.Keys.ToList();
        string[] operators = ["<", "<=", ">", ">="];
        var conditions = new List<string>();
        var expected = new List<OracleOutcome>();
        for (var i = 0; i < 2000; i++)
        {
            var leftKind = generator.Pick(kinds);
            var rightKind = generator.Chance(0.7) ? leftKind : generator.Pick(kinds);
            var left = generator.Pick(pool[leftKind]);
            var right = generator.Chance(0.1) ? left : generator.Pick(pool[rightKind]);
            var op = generator.Pick(operators);
            var text = OracleConditionBatch.Expression(left) + " " + op + " " + OracleConditionBatch.Expression(right);
            if (ExtensionOrdering.TryCompare(left, right, out var c))
            {
                var holds = op switch { "<" => c < 0, "<=" => c <= 0, ">" => c > 0, _ => c >= 0 };
                conditions.Add("(" + text + ") == " + (holds ? "true" : "false"));
                expected.Add(new OracleOutcome(true, null));
            }
            else
            {
                conditions.Add(text);
                expected.Add(new OracleOutcome(false, ExtensionOrdering.ComparisonTypeErrorMessage(left, right)));
            }
        }

        var outcomes = OracleConditionBatch.Evaluate(conditions);
        var mismatches = Enumerable.Range(0, outcomes.Count).Where(i => outcomes[i] != expected[i])
            .Select(i => $"{conditions[i]}: ours {expected[i]}, cedar {outcomes[i]}").ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(40)));
    }

    internal static string Generate(LiteralGenerator generator, string constructor) => constructor switch
    {
        "ip" => generator.IpAddr(),
        "decimal" => generator.Decimal(),
        "datetime" => generator.Datetime(),
        _ => generator.Duration(),
    };

    private static string OwnerOf(string function) => function switch
    {
        "isIpv4" or "isIpv6" or "isLoopback" or "isMulticast" or "isInRange" => "ip",
        "lessThan" or "lessThanOrEqual" or "greaterThan" or "greaterThanOrEqual" => "decimal",
        "offset" or "durationSince" or "toDate" or "toTime" => "datetime",
        _ => "duration",
    };

    private static string ArgumentType(string function, int index) => function switch
    {
        "offset" when index == 1 => "duration",
        _ => OwnerOf(function),
    };

    /// <summary>Valid values of every kind a call may receive: parsed random literals plus extremes, and a few longs.</summary>
    private static Dictionary<string, List<Value>> ValuePool(LiteralGenerator generator)
    {
        var pool = new Dictionary<string, List<Value>>();
        foreach (var constructor in (string[])["ip", "decimal", "datetime", "duration"])
        {
            var values = new List<Value>();
            while (values.Count < 300)
            {
                if (ExtensionFunctions.TryConstruct(constructor, Generate(generator, constructor), out var v, out _))
                {
                    values.Add(v);
                }
            }

            pool[constructor] = values;
        }

        foreach (var ms in new[] { long.MaxValue, long.MinValue, long.MinValue + 1, long.MinValue + 86_399_999, long.MinValue + 86_400_000 * 2, -1, 0, 1, -86_400_000, 86_399_999 })
        {
            pool["datetime"].Add(DatetimeValue.FromEpochMilliseconds(ms));
            pool["duration"].Add(DurationValue.FromMilliseconds(ms));
        }

        pool["long"] = [Value.Long(0), Value.Long(-5), Value.Long(long.MaxValue), Value.Long(long.MinValue), Value.Long(1_000_000_000_000)];
        return pool;
    }

    /// <summary>A value of the same type that Cedar must consider different.</summary>
    private static Value Neighbour(ExtensionValue value) => value switch
    {
        DecimalValue d => DecimalValue.FromScaled(d.ScaledValue == long.MaxValue ? d.ScaledValue - 1 : d.ScaledValue + 1),
        DurationValue d => DurationValue.FromMilliseconds(d.Milliseconds == long.MaxValue ? d.Milliseconds - 1 : d.Milliseconds + 1),
        DatetimeValue d => DatetimeValue.FromEpochMilliseconds(d.EpochMilliseconds + 1),
        IpAddrValue ip => ParseIp(ip.ToCanonicalString()[..ip.ToCanonicalString().IndexOf('/')] + "/" + (ip.PrefixLength == 0 ? 1 : ip.PrefixLength - 1)),
        _ => throw new ArgumentException(value.TypeName),
    };

    private static IpAddrValue ParseIp(string text) =>
        IpAddrValue.TryParse(text, out var ip) ? ip : throw new InvalidOperationException("canonical text does not parse: " + text);
}
