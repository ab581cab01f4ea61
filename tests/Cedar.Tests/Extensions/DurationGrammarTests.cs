using Cedar.Extensions;

namespace Cedar.Tests.Extensions;

public class DurationGrammarTests
{
    private const string Invalid = "invalid duration pattern";
    private const string Overflow = "Duration overflows internal representation";

    /// <summary>Literal, an equal duration in canonical form when Cedar accepts it, Cedar's message when it rejects it.</summary>
    public static TheoryData<string, string?, string?> Rows => new()
    {
        { "0ms", "0ms", null },
        { "-0ms", "0ms", null },
        { "0d", "0ms", null },
        { "1ms", "1ms", null },
        { "1s", "1000ms", null },
        { "1m", "60000ms", null },
        { "1h", "3600000ms", null },
        { "1d", "86400000ms", null },
        { "-1h", "-3600000ms", null },
        { "1d2h3m4s5ms", "93784005ms", null },
        { "-1d2h3m4s5ms", "-93784005ms", null },
        { "1m5ms", "60005ms", null },
        { "2h30m", "9000000ms", null },
        { "90m", "5400000ms", null },
        { "007s", "7000ms", null },
        { "00000000000000000000000001ms", "1ms", null },
        { "9223372036854775807ms", "9223372036854775807ms", null },
        { "-9223372036854775808ms", "-9223372036854775808ms", null },
        { "106751991167d", "9223372036828800000ms", null },
        { "106751991167d7h12m55s807ms", "9223372036854775807ms", null },
        { "-106751991167d7h12m55s808ms", "-9223372036854775808ms", null },
        { "", null, Invalid },
        { "-", null, Invalid },
        { "1", null, Invalid },
        { "d", null, Invalid },
        { "1d1d", null, Invalid },
        { "1h1d", null, Invalid },
        { "1ms1s", null, Invalid },
        { "1s1m", null, Invalid },
        { "+1h", null, Invalid },
        { "--1h", null, Invalid },
        { "1-h", null, Invalid },
        { "1H", null, Invalid },
        { "1D", null, Invalid },
        { "1 h", null, Invalid },
        { " 1h", null, Invalid },
        { "1h ", null, Invalid },
        { "1.5h", null, Invalid },
        { "1w", null, Invalid },
        { "1y", null, Invalid },
        { "1mss", null, Invalid },
        { "1sm", null, Invalid },
        { "PT1H", null, Invalid },
        { "01:00:00", null, Invalid },
        { "1h-1m", null, Invalid },
        { "١h", null, Invalid },
        { "9223372036854775808ms", null, Overflow },
        { "-9223372036854775809ms", null, Overflow },
        { "18446744073709551616ms", null, Overflow },
        { "106751991168d", null, Overflow },
        { "106751991167d7h12m55s808ms", null, Overflow },
        { "-106751991167d7h12m55s809ms", null, Overflow },
        { "106751991167d23h47m16s854ms", null, Overflow },
        { "9223372036854775807s", null, Overflow },
        { "99999999999999999999d", null, Overflow },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Literal_grammar_matches_cedar(string literal, string? canonical, string? error)
    {
        var ok = DurationValue.TryParse(literal, out var value, out var message);
        Assert.Equal(canonical is not null, ok);
        if (ok)
        {
            Assert.Equal(canonical, value!.ToCanonicalString());
            Assert.Equal(literal, value.ConstructorArgument);
            Assert.True(DurationValue.TryParse(canonical!, out var reparsed) && reparsed.Equals(value));
        }
        else
        {
            Assert.Equal(error, message);
        }
    }

    [Fact]
    public void The_table_agrees_with_cedar() => GrammarTableOracle.AssertAgreement("duration", Rows);

    [Theory]
    [InlineData(93_784_005L, 1L, 26L, 1563L, 93784L)]
    [InlineData(-93_784_005L, -1L, -26L, -1563L, -93784L)]
    [InlineData(-1L, 0L, 0L, 0L, 0L)]
    [InlineData(-1999L, 0L, 0L, 0L, -1L)]
    [InlineData(86_399_999L, 0L, 23L, 1439L, 86399L)]
    [InlineData(long.MinValue, -106_751_991_167L, -2_562_047_788_015L, -153_722_867_280_912L, -9_223_372_036_854_775L)]
    public void Conversions_truncate_toward_zero(long ms, long days, long hours, long minutes, long seconds)
    {
        var d = DurationValue.FromMilliseconds(ms);
        Assert.Equal((days, hours, minutes, seconds, ms), (d.ToDays(), d.ToHours(), d.ToMinutes(), d.ToSeconds(), d.Milliseconds));
    }
}
