using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Cedar.Ast;
using Cedar.Extensions;
using Cedar.Tests.Support;
using Cedar.Values;

namespace Cedar.Tests.Extensions;

/// <summary>What the official engine made of one policy condition.</summary>
public readonly record struct OracleOutcome(bool Satisfied, string? ErrorMessage)
{
    public override string ToString() => ErrorMessage is null ? (Satisfied ? "satisfied" : "not satisfied") : "error: " + ErrorMessage;
}

/// <summary>
/// Evaluates many Cedar conditions with one oracle call: each condition becomes one policy
/// (<c>permit(...) when { condition };</c>), and per-policy satisfaction and error messages are read from the diagnostics.
/// </summary>
public static class OracleConditionBatch
{
    public static IReadOnlyList<OracleOutcome> Evaluate(IReadOnlyList<string> conditions)
    {
        var text = new StringBuilder();
        foreach (var condition in conditions)
        {
            text.Append("permit(principal, action, resource) when { ").Append(condition).Append(" };\n");
        }

        static JsonObject Uid(string type) => new() { ["type"] = type, ["id"] = "a" };
        var call = new JsonObject
        {
            ["principal"] = Uid("U"),
            ["action"] = Uid("A"),
            ["resource"] = Uid("R"),
            ["context"] = new JsonObject(),
            ["policies"] = new JsonObject { ["staticPolicies"] = text.ToString() },
            ["entities"] = new JsonArray(),
        };
        var answer = CedarOracle.Shared.Call("isAuthorized", call.ToJsonString());
        if (answer["type"]?.GetValue<string>() != "success")
        {
            throw new InvalidOperationException("the oracle rejected the batch: " + answer.ToJsonString()[..Math.Min(2000, answer.ToJsonString().Length)]);
        }

        var diagnostics = answer["response"]!["diagnostics"]!;
        var satisfied = new HashSet<string>(diagnostics["reason"]!.AsArray().Select(n => n!.GetValue<string>()));
        var errors = new Dictionary<string, string>();
        foreach (var e in diagnostics["errors"]!.AsArray())
        {
            errors[e!["policyId"]!.GetValue<string>()] = e["error"]!["message"]!.GetValue<string>();
        }

        var outcomes = new OracleOutcome[conditions.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var id = "policy" + i.ToString(CultureInfo.InvariantCulture);
            outcomes[i] = new OracleOutcome(satisfied.Contains(id), errors.GetValueOrDefault(id));
        }

        return outcomes;
    }

    /// <summary>A Cedar string literal for <paramref name="s"/>.</summary>
    public static string Quote(string s) => "\"" + StringEscaper.Escape(s) + "\"";

    /// <summary>A Cedar expression that evaluates to <paramref name="v"/> (for the value kinds extension functions return).</summary>
    public static string Expression(Value v) => v switch
    {
        BoolValue b => b.Value ? "true" : "false",
        LongValue { Value: long.MinValue } => "(-9223372036854775807 - 1)",
        LongValue l => l.Value < 0 ? "(" + l + ")" : l.ToString(),
        DatetimeValue d => d.ToCedarExpression(),
        DurationValue d => "duration(\"" + d.ToCanonicalString() + "\")",
        DecimalValue d => "decimal(\"" + d.ToCanonicalString() + "\")",
        IpAddrValue ip => "ip(\"" + ip.ToCanonicalString() + "\")",
        _ => throw new ArgumentException("no expression for " + v.TypeName),
    };
}
