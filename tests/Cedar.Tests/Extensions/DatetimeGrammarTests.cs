using Cedar.Extensions;

namespace Cedar.Tests.Extensions;

public class DatetimeGrammarTests
{
    private const string DatePattern = "invalid date pattern";
    private const string HmsPattern = "invalid hour/minute/second pattern";
    private const string MsOffsetPattern = "invalid millisecond and/or offset pattern";

    /// <summary>Literal, an equal datetime in canonical form when Cedar accepts it, Cedar's message when it rejects it.</summary>
    public static TheoryData<string, string?, string?> Rows => new()
    {
        { "2024-10-15", "2024-10-15T00:00:00.000Z", null },
        { "1970-01-01", "1970-01-01T00:00:00.000Z", null },
        { "0000-01-01", "0000-01-01T00:00:00.000Z", null },
        { "9999-12-31", "9999-12-31T00:00:00.000Z", null },
        { "2024-02-29", "2024-02-29T00:00:00.000Z", null },
        { "2000-02-29", "2000-02-29T00:00:00.000Z", null },
        { "0000-02-29", "0000-02-29T00:00:00.000Z", null },
        { "2024-10-15T11:38:02Z", "2024-10-15T11:38:02.000Z", null },
        { "2024-10-15T11:38:02.101Z", "2024-10-15T11:38:02.101Z", null },
        { "2024-10-15T11:38:02.101+1134", "2024-10-15T00:04:02.101Z", null },
        { "2024-10-15T11:38:02.101-1134", "2024-10-15T23:12:02.101Z", null },
        { "2024-10-15T11:38:02+1134", "2024-10-15T00:04:02.000Z", null },
        { "2024-10-15T23:59:00+2359", "2024-10-15T00:00:00.000Z", null },
        { "2024-10-15T00:00:00-2359", "2024-10-15T23:59:00.000Z", null },
        { "1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z", null },
        { "2024-12-31T23:00:00-0100", "2025-01-01T00:00:00.000Z", null },
        { "", null, DatePattern },
        { "a", null, DatePattern },
        { "-1", null, DatePattern },
        { "11-12-13", null, DatePattern },
        { "1111-1x-20", null, DatePattern },
        { "10000-01-01", null, DatePattern },
        { "+2024-01-01", null, DatePattern },
        { "2024-1-01", null, DatePattern },
        { "2024/01/01", null, DatePattern },
        { "2024-00-01", null, "invalid date: 2024-00-01" },
        { "2024-01-00", null, "invalid date: 2024-01-00" },
        { "2024-02-30", null, "invalid date: 2024-02-30" },
        { "2025-02-29", null, "invalid date: 2025-02-29" },
        { "1900-02-29", null, "invalid date: 1900-02-29" },
        { "2024-13-01", null, "invalid date: 2024-13-01" },
        { "2024-04-31", null, "invalid date: 2024-04-31" },
        { "2024-10-15Z", null, HmsPattern },
        { "2024-10-15 11:38:02Z", null, HmsPattern },
        { "2024-10-15t11:38:02Z", null, HmsPattern },
        { "2024-01-01T", null, HmsPattern },
        { "2024-01-01T01:02", null, HmsPattern },
        { "2024-01-01T1:02:03Z", null, HmsPattern },
        { "2024-01-01T01::02:03", null, HmsPattern },
        { "2024-01-01T00:00:00", null, MsOffsetPattern },
        { "2024-01-01T00:00:00z", null, MsOffsetPattern },
        { "2024-01-01T00:00:00ZZ", null, MsOffsetPattern },
        { "2024-01-01T00:00:00.0001Z", null, MsOffsetPattern },
        { "2024-01-01T00:00:00.01Z", null, MsOffsetPattern },
        { "2024-01-01T00:00:00.001", null, MsOffsetPattern },
        { "2024-01-01T00:00:00+01:00", null, MsOffsetPattern },
        { "2024-01-01T00:00:00+01", null, MsOffsetPattern },
        { "2024-01-01T00:00:00.001+00", null, MsOffsetPattern },
        { "2024-01-01T00:00:00 Z", null, MsOffsetPattern },
        { "2024-02-30T00:00:00+9999", null, "invalid date: 2024-02-30" },
        { "2024-02-30T00:00:00", null, MsOffsetPattern },
        { "2024-01-01T24:00:00Z", null, "invalid hour/minute/second: 24:00:00" },
        { "2024-01-01T01:60:03Z", null, "invalid hour/minute/second: 01:60:03" },
        { "2016-12-31T23:59:60Z", null, "invalid hour/minute/second: 23:59:60" },
        { "2024-01-01T99:00:00+9999", null, "invalid hour/minute/second: 99:00:00" },
        { "2024-01-01T00:00:00+2400", null, "invalid offset range: 240" },
        { "2024-01-01T00:00:00-0060", null, "invalid offset range: 060" },
        { "2024-01-01T00:00:00.000+9999", null, "invalid offset range: 9999" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Literal_grammar_matches_cedar(string literal, string? canonical, string? error)
    {
        var ok = DatetimeValue.TryParse(literal, out var value, out var message);
        Assert.Equal(canonical is not null, ok);
        if (ok)
        {
            Assert.Equal(canonical, DatetimeValue.FromEpochMilliseconds(value!.EpochMilliseconds).ConstructorArgument);
            Assert.Equal(literal, value.ConstructorArgument);
            Assert.True(DatetimeValue.TryParse(canonical!, out var reparsed) && reparsed.Equals(value));
        }
        else
        {
            Assert.Equal(error, message);
        }
    }

    [Fact]
    public void The_table_agrees_with_cedar() => GrammarTableOracle.AssertAgreement("datetime", Rows);

    [Theory]
    [InlineData("1970-01-01", 0L)]
    [InlineData("1970-01-02", 86_400_000L)]
    [InlineData("1969-12-31T23:59:59.999Z", -1L)]
    [InlineData("2024-10-15T11:38:02.101Z", 1_728_992_282_101L)]
    [InlineData("0000-01-01T00:00:00Z", -62_167_219_200_000L)]
    [InlineData("0000-01-01T00:00:00+0100", -62_167_222_800_000L)]
    [InlineData("9999-12-31T23:59:59.999-2359", 253_402_387_139_999L)]
    public void Epoch_milliseconds(string literal, long expected)
    {
        Assert.True(DatetimeValue.TryParse(literal, out var value));
        Assert.Equal(expected, value.EpochMilliseconds);
    }

    [Theory]
    [InlineData(0L, 0L, 0L)]
    [InlineData(-1L, -86_400_000L, 86_399_999L)]
    [InlineData(-86_400_000L, -86_400_000L, 0L)]
    [InlineData(86_399_999L, 0L, 86_399_999L)]
    [InlineData(1_728_992_282_101L, 1_728_950_400_000L, 41_882_101L)]
    public void Date_and_time_split_floors_toward_negative_infinity(long epoch, long date, long time)
    {
        var value = DatetimeValue.FromEpochMilliseconds(epoch);
        Assert.Equal(date, value.ToDate()!.EpochMilliseconds);
        Assert.Equal(time, value.ToTime().Milliseconds);
    }

    [Fact]
    public void Computed_values_print_as_cedar_does()
    {
        var value = DatetimeValue.FromEpochMilliseconds(1_704_067_200_000);
        Assert.Equal("datetime(\"1970-01-01\").offset(duration(\"1704067200000ms\"))", value.ToCedarExpression());
        Assert.Equal("2024-01-01T00:00:00.000Z", value.ConstructorArgument);
        Assert.Null(value.LiteralText);
    }
}
