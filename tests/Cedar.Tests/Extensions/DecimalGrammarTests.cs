using Cedar.Extensions;

namespace Cedar.Tests.Extensions;

public class DecimalGrammarTests
{
    private const string Overflow = "overflow when converting to decimal";

    /// <summary>Literal, canonical form when Cedar accepts it, Cedar's message when it rejects it.</summary>
    public static TheoryData<string, string?, string?> Rows => new()
    {
        { "0.0", "0.0000", null },
        { "1.0", "1.0000", null },
        { "1.2", "1.2000", null },
        { "1.23", "1.2300", null },
        { "1.234", "1.2340", null },
        { "1.2345", "1.2345", null },
        { "-1.5", "-1.5000", null },
        { "-0.5", "-0.5000", null },
        { "-0.0001", "-0.0001", null },
        { "-0.0", "0.0000", null },
        { "000001.0", "1.0000", null },
        { "1.0000", "1.0000", null },
        { "0000000000000000000000000000001.5", "1.5000", null },
        { "922337203685477.5807", "922337203685477.5807", null },
        { "-922337203685477.5808", "-922337203685477.5808", null },
        { "922337203685477.58", "922337203685477.5800", null },
        { "123456789.0001", "123456789.0001", null },
        { "1", null, "`1` is not a well-formed decimal value" },
        { "1.", null, "`1.` is not a well-formed decimal value" },
        { ".5", null, "`.5` is not a well-formed decimal value" },
        { "+1.0", null, "`+1.0` is not a well-formed decimal value" },
        { "--1.0", null, "`--1.0` is not a well-formed decimal value" },
        { "-.5", null, "`-.5` is not a well-formed decimal value" },
        { "1.0 ", null, "`1.0 ` is not a well-formed decimal value" },
        { " 1.0", null, "` 1.0` is not a well-formed decimal value" },
        { "1,0", null, "`1,0` is not a well-formed decimal value" },
        { "1e3", null, "`1e3` is not a well-formed decimal value" },
        { "1.0e3", null, "`1.0e3` is not a well-formed decimal value" },
        { "1.2.3", null, "`1.2.3` is not a well-formed decimal value" },
        { "NaN", null, "`NaN` is not a well-formed decimal value" },
        { "Infinity", null, "`Infinity` is not a well-formed decimal value" },
        { "0x1.0", null, "`0x1.0` is not a well-formed decimal value" },
        { "", null, "`` is not a well-formed decimal value" },
        { "1_000.0", null, "`1_000.0` is not a well-formed decimal value" },
        { "1.00000", null, "too many digits after the decimal in `1.00000`" },
        { "0.12345", null, "too many digits after the decimal in `0.12345`" },
        { "922337203685477.5808", null, Overflow },
        { "-922337203685477.5809", null, Overflow },
        { "922337203685478.0", null, Overflow },
        { "9223372036854775807.0", null, Overflow },
        { "99999999999999999999.0", null, Overflow },
        { "99999999999999999999.00000", null, Overflow },
        { "١.0", null, Overflow },
        { "1.١", null, Overflow },
        { "1.١١١", null, "too many digits after the decimal in `1.١١١`" },
        { "١٢.٣", null, Overflow },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Literal_grammar_matches_cedar(string literal, string? canonical, string? error)
    {
        var ok = DecimalValue.TryParse(literal, out var value, out var message);
        Assert.Equal(canonical is not null, ok);
        if (ok)
        {
            Assert.Equal(canonical, value!.ToCanonicalString());
            Assert.Equal(literal, value.ConstructorArgument);
            Assert.True(DecimalValue.TryParse(value.ToCanonicalString(), out var reparsed) && reparsed.Equals(value));
        }
        else
        {
            Assert.Equal(error, message);
        }
    }

    [Fact]
    public void The_table_agrees_with_cedar() => GrammarTableOracle.AssertAgreement("decimal", Rows);

    [Fact]
    public void Values_are_compared_as_scaled_integers()
    {
        Assert.Equal(Parse("1.2"), Parse("1.2000"));
        Assert.Equal(Parse("1.2").GetHashCode(), Parse("1.2000").GetHashCode());
        Assert.Equal(0, Parse("1.2").CompareTo(Parse("1.2000")));
        Assert.True(Parse("-0.5").CompareTo(Parse("0.5")) < 0);
        Assert.Equal(-5000, Parse("-0.5").ScaledValue);
        Assert.Equal("-0.5000", DecimalValue.FromScaled(-5000).ConstructorArgument);
        Assert.Equal("1.2", Parse("1.2").ConstructorArgument);
    }

    private static DecimalValue Parse(string text) => DecimalValue.TryParse(text, out var d) ? d : throw new ArgumentException(text);
}
