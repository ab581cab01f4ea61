namespace Cedar.Tests.Extensions;

/// <summary>Checks a literal table (literal, canonical-or-null, error-or-null) against the official engine.</summary>
internal static class GrammarTableOracle
{
    public static void AssertAgreement(string constructor, TheoryData<string, string?, string?> rows)
    {
        var table = rows.Select(r => ((string)r[0], (string?)r[1], (string?)r[2])).ToList();
        var conditions = table.Select(row =>
        {
            var call = constructor + "(" + OracleConditionBatch.Quote(row.Item1) + ")";
            return row.Item2 is null ? call + " == " + call : call + " == " + constructor + "(" + OracleConditionBatch.Quote(row.Item2) + ")";
        }).ToList();
        var outcomes = OracleConditionBatch.Evaluate(conditions);
        var extensionName = constructor == "ip" ? "ipaddr" : constructor;
        var mismatches = new List<string>();
        for (var i = 0; i < table.Count; i++)
        {
            var (literal, canonical, error) = table[i];
            var expected = canonical is null
                ? new OracleOutcome(false, "error while evaluating `" + extensionName + "` extension function: " + error)
                : new OracleOutcome(true, null);
            if (outcomes[i] != expected)
            {
                mismatches.Add($"{constructor}(\"{literal}\"): table {expected}, cedar {outcomes[i]}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
