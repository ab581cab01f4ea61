using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Cedar.Values;

namespace Cedar.Extensions;

/// <summary>
/// A Cedar <c>ipaddr</c>: an IPv4 or IPv6 address with a CIDR prefix length (32 or 128 when none is written).
/// Equality compares family, address and prefix, without masking: <c>10.0.0.1/24</c> differs from <c>10.0.0.0/24</c>.
/// </summary>
public sealed class IpAddrValue : ExtensionValue
{
    public const string ExtensionTypeName = "ipaddr";
    public const string Constructor = "ip";

    // Limits Cedar applies before the address grammar (the longest IPv6 CIDR text is 43 bytes).
    private const int MaxTextBytes = 43;

    private readonly string _text;

    private IpAddrValue(bool isIpv4, UInt128 address, int prefix, string text)
    {
        IsIpv4 = isIpv4;
        Address = address;
        PrefixLength = prefix;
        _text = text;
    }

    public bool IsIpv4 { get; }

    public bool IsIpv6 => !IsIpv4;

    /// <summary>The address bits; an IPv4 address occupies the low 32 bits.</summary>
    public UInt128 Address { get; }

    public int PrefixLength { get; }

    public override string ExtensionName => ExtensionTypeName;

    public override string ConstructorName => Constructor;

    /// <summary>The text the value was built from, which Cedar keeps and prints back.</summary>
    public override string ConstructorArgument => _text;

    private int Width => IsIpv4 ? 32 : 128;

    public bool IsLoopback => IsIpv4
        ? (Address >> 24) == 127 && PrefixLength >= 8
        : Address == UInt128.One && PrefixLength >= 128;

    public bool IsMulticast => IsIpv4
        ? (Address >> 24) is var first && first >= 224 && first <= 239 && PrefixLength >= 4
        : (Address >> 120) == 0xff && PrefixLength >= 8;

    public static bool TryParse(string text, [NotNullWhen(true)] out IpAddrValue? value) => TryParse(text, out value, out _);

    /// <summary>Parses Cedar's <c>ip</c> literal grammar; <paramref name="error"/> is Cedar's message on failure.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IpAddrValue? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        if (TextScanning.Utf8Length(text) > MaxTextBytes)
        {
            error = "error parsing IP address from string `" + text + "`: string length is too large";
            return false;
        }

        // Cedar refuses IPv4 embedded in IPv6 (e.g. ::ffff:1.2.3.4), detected as two colons and two dots anywhere.
        if (CountUpTo(text, ':', 2) >= 2 && CountUpTo(text, '.', 2) >= 2)
        {
            error = "error parsing IP address from string: We do not accept IPv4 embedded in IPv6 (e.g., ::ffff:127.0.0.1). Found: `" + text + "`";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            if (!TryParseAddress(text, out var isV4, out var addr))
            {
                error = "invalid IP address: " + text;
                return false;
            }

            value = new IpAddrValue(isV4, addr, isV4 ? 32 : 128, text);
            error = null;
            return true;
        }

        var addressText = text[..slash];
        var prefixText = text[(slash + 1)..];
        if (!TryParseAddress(addressText, out var isIpv4, out var address))
        {
            error = "error parsing IP address from the string `" + addressText + "`: invalid IP address syntax";
            return false;
        }

        if (!TryParsePrefix(prefixText, isIpv4 ? 32 : 128, isIpv4 ? 2 : 3, out var prefix, out error))
        {
            return false;
        }

        value = new IpAddrValue(isIpv4, address, prefix, text);
        return true;
    }

    /// <summary>True when every address of this value's range lies in <paramref name="range"/>'s; false across families.</summary>
    public bool IsInRange(IpAddrValue range)
    {
        if (IsIpv4 != range.IsIpv4)
        {
            return false;
        }

        var selfNetwork = Address & NetMask(PrefixLength);
        var otherNetwork = range.Address & NetMask(range.PrefixLength);
        var selfBroadcast = Address | HostMask(PrefixLength);
        var otherBroadcast = range.Address | HostMask(range.PrefixLength);
        return otherNetwork <= selfNetwork && selfBroadcast <= otherBroadcast;
    }

    public override bool Equals(Value? other) =>
        other is IpAddrValue ip && ip.IsIpv4 == IsIpv4 && ip.Address == Address && ip.PrefixLength == PrefixLength;

    public override int GetHashCode() => HashCode.Combine(IsIpv4, Address, PrefixLength);

    /// <summary>The canonical text: dotted IPv4 or RFC 5952 IPv6, always with the prefix; it re-parses to an equal value.</summary>
    public string ToCanonicalString()
    {
        string addr;
        if (IsIpv4)
        {
            var a = (uint)Address;
            addr = string.Create(CultureInfo.InvariantCulture, $"{a >> 24}.{(a >> 16) & 0xff}.{(a >> 8) & 0xff}.{a & 0xff}");
        }
        else
        {
            addr = FormatIpv6(Address);
        }

        return addr + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);
    }

    private UInt128 FullMask => IsIpv4 ? uint.MaxValue : UInt128.MaxValue;

    private UInt128 NetMask(int prefix) => prefix == 0 ? UInt128.Zero : (FullMask << (Width - prefix)) & FullMask;

    private UInt128 HostMask(int prefix) => prefix >= Width ? UInt128.Zero : FullMask >> prefix;

    private static int CountUpTo(string s, char c, int limit)
    {
        var n = 0;
        foreach (var ch in s)
        {
            if (ch == c && ++n >= limit)
            {
                break;
            }
        }

        return n;
    }

    private static bool TryParsePrefix(string s, int max, int maxLength, out int prefix, [NotNullWhen(false)] out string? error)
    {
        prefix = 0;
        var byteLength = TextScanning.Utf8Length(s);
        if (byteLength > maxLength)
        {
            error = "error parsing prefix: string length " + byteLength.ToString(CultureInfo.InvariantCulture) + " is too large";
            return false;
        }

        foreach (var c in s)
        {
            if (!TextScanning.IsAsciiDigit(c))
            {
                error = "error parsing prefix `" + s + "`: encountered non-digit";
                return false;
            }
        }

        if (s.Length > 1 && s[0] == '0')
        {
            error = "error parsing prefix `" + s + "`: leading zero(s)";
            return false;
        }

        if (s.Length == 0)
        {
            error = "error parsing prefix from the string ``: cannot parse integer from empty string";
            return false;
        }

        var n = int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
        if (n > byte.MaxValue)
        {
            error = "error parsing prefix from the string `" + s + "`: number too large to fit in target type";
            return false;
        }

        if (n > max)
        {
            error = "error parsing prefix: " + n.ToString(CultureInfo.InvariantCulture) + " is larger than the limit " + max.ToString(CultureInfo.InvariantCulture);
            return false;
        }

        prefix = n;
        error = null;
        return true;
    }

    /// <summary>Rust's <c>IpAddr::from_str</c> grammar minus embedded IPv4 (which Cedar rejects beforehand).</summary>
    private static bool TryParseAddress(string s, out bool isIpv4, out UInt128 address)
    {
        if (TryParseIpv4(s, out var v4))
        {
            isIpv4 = true;
            address = v4;
            return true;
        }

        isIpv4 = false;
        return TryParseIpv6(s, out address);
    }

    private static bool TryParseIpv4(string s, out uint address)
    {
        address = 0;
        var pos = 0;
        for (var octet = 0; octet < 4; octet++)
        {
            if (octet > 0)
            {
                if (pos >= s.Length || s[pos] != '.')
                {
                    return false;
                }

                pos++;
            }

            var start = pos;
            var value = 0;
            while (pos < s.Length && TextScanning.IsAsciiDigit(s[pos]))
            {
                value = (value * 10) + (s[pos] - '0');
                pos++;
                if (pos - start > 3 || value > 255)
                {
                    return false;
                }
            }

            var digits = pos - start;
            if (digits == 0 || (digits > 1 && s[start] == '0'))
            {
                return false;
            }

            address = (address << 8) | (uint)value;
        }

        return pos == s.Length;
    }

    private static bool TryParseIpv6(string s, out UInt128 address)
    {
        address = UInt128.Zero;
        var pos = 0;
        Span<ushort> head = stackalloc ushort[8];
        var headCount = ReadGroups(s, ref pos, head);
        if (headCount == 8)
        {
            address = Combine(head, 8, [], 0);
            return pos == s.Length;
        }

        // Fewer than eight groups: a "::" must follow, standing for at least one zero group.
        if (pos + 1 >= s.Length || s[pos] != ':' || s[pos + 1] != ':')
        {
            return false;
        }

        pos += 2;
        Span<ushort> tail = stackalloc ushort[7 - headCount];
        var tailCount = ReadGroups(s, ref pos, tail);
        if (pos != s.Length)
        {
            return false;
        }

        address = Combine(head, headCount, tail, tailCount);
        return true;
    }

    /// <summary>Reads up to <c>groups.Length</c> colon-separated hex groups; a group that fails to read is not consumed.</summary>
    private static int ReadGroups(string s, ref int pos, Span<ushort> groups)
    {
        for (var i = 0; i < groups.Length; i++)
        {
            var p = pos;
            if (i > 0)
            {
                if (p >= s.Length || s[p] != ':')
                {
                    return i;
                }

                p++;
            }

            var start = p;
            var value = 0;
            while (p < s.Length && HexValue(s[p]) is var d && d >= 0)
            {
                value = (value << 4) | d;
                p++;
                if (p - start > 4)
                {
                    return i;
                }
            }

            if (p == start)
            {
                return i;
            }

            groups[i] = (ushort)value;
            pos = p;
        }

        return groups.Length;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static UInt128 Combine(ReadOnlySpan<ushort> head, int headCount, ReadOnlySpan<ushort> tail, int tailCount)
    {
        Span<ushort> all = stackalloc ushort[8];
        all.Clear();
        for (var i = 0; i < headCount; i++)
        {
            all[i] = head[i];
        }

        for (var i = 0; i < tailCount; i++)
        {
            all[8 - tailCount + i] = tail[i];
        }

        var result = UInt128.Zero;
        foreach (var g in all)
        {
            result = (result << 16) | g;
        }

        return result;
    }

    private static string FormatIpv6(UInt128 address)
    {
        Span<ushort> groups = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
        {
            groups[i] = (ushort)(address >> (16 * (7 - i)));
        }

        // RFC 5952: compress the longest run (first on ties) of two or more zero groups.
        int bestStart = -1, bestLength = 0;
        for (var i = 0; i < 8;)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }

            var j = i;
            while (j < 8 && groups[j] == 0)
            {
                j++;
            }

            if (j - i > bestLength)
            {
                bestStart = i;
                bestLength = j - i;
            }

            i = j;
        }

        if (bestLength < 2)
        {
            bestStart = -1;
        }

        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                sb.Append("::");
                i += bestLength - 1;
                continue;
            }

            if (sb.Length > 0 && sb[^1] != ':')
            {
                sb.Append(':');
            }

            sb.Append(groups[i].ToString("x", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
