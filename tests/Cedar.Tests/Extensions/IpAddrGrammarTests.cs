using Cedar.Extensions;

namespace Cedar.Tests.Extensions;

public class IpAddrGrammarTests
{
    /// <summary>Literal, canonical form when Cedar accepts it, Cedar's message when it rejects it.</summary>
    public static TheoryData<string, string?, string?> Rows => new()
    {
        { "127.0.0.1", "127.0.0.1/32", null },
        { "0.0.0.0", "0.0.0.0/32", null },
        { "255.255.255.255", "255.255.255.255/32", null },
        { "10.0.0.0/8", "10.0.0.0/8", null },
        { "10.1.2.3/0", "10.1.2.3/0", null },
        { "192.168.0.1/32", "192.168.0.1/32", null },
        { "::", "::/128", null },
        { "::1", "::1/128", null },
        { "::/0", "::/0", null },
        { "FE80::1", "fe80::1/128", null },
        { "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8/128", null },
        { "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0/128", null },
        { "::1:2:3:4:5:6:7", "0:1:2:3:4:5:6:7/128", null },
        { "0000::", "::/128", null },
        { "2001:db8::/32", "2001:db8::/32", null },
        { "::ffff:ff00:1", "::ffff:ff00:1/128", null },
        { "ff02::1/128", "ff02::1/128", null },
        { "1.2.3.4/00", null, "error parsing prefix `00`: leading zero(s)" },
        { "1.2.3.4/032", null, "error parsing prefix: string length 3 is too large" },
        { "1.2.3.4/33", null, "error parsing prefix: 33 is larger than the limit 32" },
        { "1.2.3.4/+3", null, "error parsing prefix `+3`: encountered non-digit" },
        { "1.2.3.4/-1", null, "error parsing prefix `-1`: encountered non-digit" },
        { "1.2.3.4/", null, "error parsing prefix from the string ``: cannot parse integer from empty string" },
        { "1.2.3.4/1/2", null, "error parsing prefix: string length 3 is too large" },
        { "::/129", null, "error parsing prefix: 129 is larger than the limit 128" },
        { "::/999", null, "error parsing prefix from the string `999`: number too large to fit in target type" },
        { "::/0128", null, "error parsing prefix: string length 4 is too large" },
        { "::/é", null, "error parsing prefix `é`: encountered non-digit" },
        { "/3", null, "error parsing IP address from the string ``: invalid IP address syntax" },
        { "127.1", null, "invalid IP address: 127.1" },
        { "127.0.1", null, "invalid IP address: 127.0.1" },
        { "2130706433", null, "invalid IP address: 2130706433" },
        { "010.0.0.1", null, "invalid IP address: 010.0.0.1" },
        { "00.0.0.1", null, "invalid IP address: 00.0.0.1" },
        { "0x7f.0.0.1", null, "invalid IP address: 0x7f.0.0.1" },
        { "256.0.0.0", null, "invalid IP address: 256.0.0.0" },
        { "1.2.3.4.", null, "invalid IP address: 1.2.3.4." },
        { " 1.2.3.4", null, "invalid IP address:  1.2.3.4" },
        { "1.2.3.4 ", null, "invalid IP address: 1.2.3.4 " },
        { "1.2.3.4:80", null, "invalid IP address: 1.2.3.4:80" },
        { "fe80::1%eth0", null, "invalid IP address: fe80::1%eth0" },
        { "[::1]", null, "invalid IP address: [::1]" },
        { "1:2:3:4:5:6:7:8::", null, "invalid IP address: 1:2:3:4:5:6:7:8::" },
        { "1::2:3:4:5:6:7:8", null, "invalid IP address: 1::2:3:4:5:6:7:8" },
        { "1::2::3", null, "invalid IP address: 1::2::3" },
        { ":1::2", null, "invalid IP address: :1::2" },
        { "01234::", null, "invalid IP address: 01234::" },
        { "00000::", null, "invalid IP address: 00000::" },
        { "g::", null, "invalid IP address: g::" },
        { "::1.2", null, "invalid IP address: ::1.2" },
        { "", null, "invalid IP address: " },
        { "::ffff:1.2.3.4", null, "error parsing IP address from string: We do not accept IPv4 embedded in IPv6 (e.g., ::ffff:127.0.0.1). Found: `::ffff:1.2.3.4`" },
        { "::1.2.3.4", null, "error parsing IP address from string: We do not accept IPv4 embedded in IPv6 (e.g., ::ffff:127.0.0.1). Found: `::1.2.3.4`" },
        { "1:2:3:4:5:6:1.2.3.4/96", null, "error parsing IP address from string: We do not accept IPv4 embedded in IPv6 (e.g., ::ffff:127.0.0.1). Found: `1:2:3:4:5:6:1.2.3.4/96`" },
        { "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789/128", "abcd:ef01:2345:6789:abcd:ef01:2345:6789/128", null },
        { "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789/0128", null, "error parsing IP address from string `ABCD:EF01:2345:6789:ABCD:EF01:2345:6789/0128`: string length is too large" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Literal_grammar_matches_cedar(string literal, string? canonical, string? error)
    {
        var ok = IpAddrValue.TryParse(literal, out var value, out var message);
        Assert.Equal(canonical is not null, ok);
        if (ok)
        {
            Assert.Equal(canonical, value!.ToCanonicalString());
            Assert.Equal(literal, value.ConstructorArgument);
            Assert.True(IpAddrValue.TryParse(value.ToCanonicalString(), out var reparsed) && reparsed.Equals(value));
        }
        else
        {
            Assert.Equal(error, message);
        }
    }

    [Fact]
    public void The_table_agrees_with_cedar() => GrammarTableOracle.AssertAgreement("ip", Rows);

    [Theory]
    [InlineData("127.0.0.1", true, false, true, false)]
    [InlineData("127.0.0.0/8", true, false, true, false)]
    [InlineData("127.0.0.0/7", true, false, false, false)]
    [InlineData("224.0.0.1", true, false, false, true)]
    [InlineData("224.0.0.0/4", true, false, false, true)]
    [InlineData("224.0.0.0/3", true, false, false, false)]
    [InlineData("::1", false, true, true, false)]
    [InlineData("::1/127", false, true, false, false)]
    [InlineData("ff00::/8", false, true, false, true)]
    [InlineData("ff00::/7", false, true, false, false)]
    [InlineData("::ffff:7f00:1", false, true, false, false)]
    public void Predicates(string literal, bool v4, bool v6, bool loopback, bool multicast)
    {
        Assert.True(IpAddrValue.TryParse(literal, out var ip));
        Assert.Equal((v4, v6, loopback, multicast), (ip.IsIpv4, ip.IsIpv6, ip.IsLoopback, ip.IsMulticast));
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.0/8", true)]
    [InlineData("10.0.0.0/8", "10.0.0.1", false)]
    [InlineData("10.0.0.0/24", "10.0.0.0/16", true)]
    [InlineData("10.1.0.0/16", "10.0.0.0/16", false)]
    [InlineData("1.2.3.4", "0.0.0.0/0", true)]
    [InlineData("1.2.3.4", "::/0", false)]
    [InlineData("::1", "::/0", true)]
    [InlineData("::1", "0.0.0.0/0", false)]
    [InlineData("2001:db8::1", "2001:db8::/32", true)]
    [InlineData("2001:db9::1", "2001:db8::/32", false)]
    public void Ranges(string child, string range, bool expected)
    {
        Assert.True(IpAddrValue.TryParse(child, out var c));
        Assert.True(IpAddrValue.TryParse(range, out var r));
        Assert.Equal(expected, c.IsInRange(r));
    }

    [Fact]
    public void Equality_compares_address_and_prefix_without_masking()
    {
        Assert.Equal(Parse("10.0.0.1"), Parse("10.0.0.1/32"));
        Assert.Equal(Parse("10.0.0.1").GetHashCode(), Parse("10.0.0.1/32").GetHashCode());
        Assert.NotEqual(Parse("10.0.0.1/24"), Parse("10.0.0.0/24"));
        Assert.NotEqual(Parse("0.0.0.0"), Parse("::"));
        Assert.NotEqual(Parse("::ffff:7f00:1"), Parse("127.0.0.1"));
    }

    private static IpAddrValue Parse(string text) => IpAddrValue.TryParse(text, out var ip) ? ip : throw new ArgumentException(text);
}
