using System.Globalization;
using System.Text;

namespace Cedar.Tests.Extensions;

/// <summary>Seeded generators of extension literals: mostly well-formed, with near-valid mutations mixed in.</summary>
public sealed class LiteralGenerator(int seed)
{
    private readonly Random _random = new(seed);

    public string Decimal()
    {
        var sb = new StringBuilder();
        sb.Append(Pick(["", "", "", "-", "-", "+", "--"]));
        sb.Append(Digits(Weighted([(0, 1), (1, 6), (2, 3), (3, 2), (6, 2), (12, 1), (15, 2), (16, 1), (20, 1)])));
        if (Chance(0.95))
        {
            sb.Append('.');
        }

        sb.Append(Digits(Weighted([(0, 1), (1, 4), (2, 3), (3, 2), (4, 4), (5, 1), (8, 1)])));
        if (Chance(0.03))
        {
            // Near the 64-bit limits.
            return Pick(["922337203685477.5807", "922337203685477.5808", "-922337203685477.5808", "-922337203685477.5809", "922337203685477.58", "922337203685478.0", "-922337203685477.580", "9223372036854775807.0", "-9223372036854775808.0"]);
        }

        return Mutate(sb.ToString(), "0123456789.-+ e,١٢");
    }

    public string Duration()
    {
        string[] units = ["d", "h", "m", "s", "ms"];
        var sb = new StringBuilder();
        sb.Append(Pick(["", "", "", "-", "+"]));
        var count = Weighted([(0, 1), (1, 6), (2, 4), (3, 2), (5, 1)]);
        var last = -1;
        for (var i = 0; i < count; i++)
        {
            int unit;
            if (Chance(0.9))
            {
                if (last >= 4)
                {
                    break;
                }

                unit = _random.Next(last + 1, 5);
            }
            else
            {
                unit = _random.Next(0, 5);
            }

            last = unit;
            sb.Append(Number(Weighted([(1, 6), (2, 4), (4, 2), (9, 1), (15, 1), (19, 2), (20, 1), (25, 1)])));
            sb.Append(units[unit]);
        }

        if (Chance(0.03))
        {
            return Pick(["9223372036854775807ms", "9223372036854775808ms", "-9223372036854775808ms", "-9223372036854775809ms", "106751991167d", "106751991168d", "-106751991167d7h12m55s808ms", "-106751991167d7h12m55s809ms", "106751991167d7h12m55s807ms", "106751991167d7h12m55s808ms", "18446744073709551615ms", "18446744073709551616s"]);
        }

        return Mutate(sb.ToString(), "0123456789dhmsM -+.");
    }

    public string Datetime()
    {
        var year = Chance(0.8) ? _random.Next(1900, 2100) : _random.Next(0, 10000);
        var month = Chance(0.9) ? _random.Next(1, 13) : _random.Next(0, 100);
        var day = Chance(0.85) ? _random.Next(1, 29) : _random.Next(0, 33);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}");
        if (Chance(0.75))
        {
            var hour = Chance(0.9) ? _random.Next(0, 24) : _random.Next(0, 100);
            var minute = Chance(0.9) ? _random.Next(0, 60) : _random.Next(0, 100);
            var second = Chance(0.9) ? _random.Next(0, 60) : _random.Next(0, 100);
            sb.Append(CultureInfo.InvariantCulture, $"T{hour:D2}:{minute:D2}:{second:D2}");
            if (Chance(0.4))
            {
                sb.Append('.').Append(Digits(Chance(0.9) ? 3 : _random.Next(1, 5)));
            }

            if (Chance(0.5))
            {
                sb.Append('Z');
            }
            else if (Chance(0.9))
            {
                var oh = Chance(0.9) ? _random.Next(0, 24) : _random.Next(0, 100);
                var om = Chance(0.9) ? _random.Next(0, 60) : _random.Next(0, 100);
                sb.Append(Chance(0.5) ? '+' : '-').Append(CultureInfo.InvariantCulture, $"{oh:D2}{om:D2}");
            }
        }

        return Mutate(sb.ToString(), "0123456789-:TZ+. tz");
    }

    public string IpAddr()
    {
        string text;
        if (Chance(0.5))
        {
            var octets = new List<string>();
            var n = Chance(0.9) ? 4 : _random.Next(1, 6);
            for (var i = 0; i < n; i++)
            {
                octets.Add(Chance(0.9)
                    ? Pick(["127", "10", "224", "239", "240", "255", "0", "192", "168", "1"]) is var common && Chance(0.5) ? common : _random.Next(0, 256).ToString(CultureInfo.InvariantCulture)
                    : Pick(["256", "01", "00", "000", "0x1", "1234", ""]));
            }

            text = string.Join('.', octets);
            if (Chance(0.5))
            {
                text += "/" + Prefix(32);
            }
        }
        else
        {
            var groups = new List<string>();
            var n = Chance(0.8) ? 8 : _random.Next(1, 10);
            for (var i = 0; i < n; i++)
            {
                groups.Add(Chance(0.4) ? "0" : Chance(0.9) ? Hex(_random.Next(1, 5)) : Pick(["", "12345", "g", "0000", "00000"]));
            }

            if (Chance(0.1))
            {
                groups[0] = "ff" + Hex(2);
            }

            if (Chance(0.6))
            {
                // Compress a run with "::".
                var start = _random.Next(0, groups.Count);
                var length = _random.Next(0, groups.Count - start + 1);
                groups.RemoveRange(start, length);
                groups.Insert(start, "");
                if (start == 0)
                {
                    groups.Insert(0, "");
                }

                if (start == groups.Count - 1)
                {
                    groups.Add("");
                }
            }

            text = string.Join(':', groups);
            if (Chance(0.05))
            {
                text = Pick(["::1", "::", "::ffff:1.2.3.4", "::1.2.3.4", "fe80::1%eth0", "1::2::3", "::ffff:ff00:1", "ff02::1"]);
            }

            if (Chance(0.5))
            {
                text += "/" + Prefix(128);
            }
        }

        return Mutate(text, "0123456789abcdefABCDEF:./% x");
    }

    public bool Chance(double p) => _random.NextDouble() < p;

    public int Next(int min, int max) => _random.Next(min, max);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string Prefix(int max) =>
        Chance(0.85) ? _random.Next(0, max + 1).ToString(CultureInfo.InvariantCulture) : Pick(["", "0" + _random.Next(0, 10), (max + _random.Next(1, 200)).ToString(CultureInfo.InvariantCulture), "+1", "-1", "999", "1a"]);

    private string Mutate(string s, string alphabet)
    {
        if (!Chance(0.3))
        {
            return s;
        }

        var sb = new StringBuilder(s);
        var edits = _random.Next(1, 3);
        for (var i = 0; i < edits; i++)
        {
            var kind = _random.Next(4);
            var at = _random.Next(sb.Length + 1);
            switch (kind)
            {
                case 0 when sb.Length > 0:
                    sb.Remove(Math.Min(at, sb.Length - 1), 1);
                    break;
                case 1:
                    sb.Insert(at, alphabet[_random.Next(alphabet.Length)]);
                    break;
                case 2 when sb.Length > 0:
                    var c = sb[Math.Min(at, sb.Length - 1)];
                    sb.Insert(at, c);
                    break;
                case 3 when sb.Length > 1:
                    var j = Math.Min(at, sb.Length - 2);
                    (sb[j], sb[j + 1]) = (sb[j + 1], sb[j]);
                    break;
            }
        }

        return sb.ToString();
    }

    private string Digits(int count)
    {
        var sb = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            sb.Append((char)('0' + _random.Next(10)));
        }

        return sb.ToString();
    }

    private string Number(int maxDigits)
    {
        var digits = _random.Next(1, maxDigits + 1);
        return Chance(0.1) ? "0" + Digits(digits) : Digits(digits);
    }

    private string Hex(int count)
    {
        const string hex = "0123456789abcdefABCDEF";
        var sb = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            sb.Append(hex[_random.Next(hex.Length)]);
        }

        return sb.ToString();
    }

    private int Weighted(IReadOnlyList<(int Value, int Weight)> choices)
    {
        var total = choices.Sum(c => c.Weight);
        var roll = _random.Next(total);
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }
}
