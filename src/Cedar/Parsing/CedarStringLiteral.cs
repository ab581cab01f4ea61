using System.Globalization;
using System.Text;

namespace Cedar.Parsing;

/// <summary>
/// Decodes the body of a Cedar string literal (the text between the quotes): the escapes
/// <c>\n \r \t \\ \0 \' \"</c>, <c>\xHH</c> (up to 0x7F) and <c>\u{H..HHHHHH}</c> (a Unicode scalar value).
/// In a <c>like</c> pattern <c>\*</c> is also allowed and means a literal star, while a bare <c>*</c> (or an escape that decodes to one) is a wildcard.
/// </summary>
internal static class CedarStringLiteral
{
    /// <summary>Decodes a plain string; on failure returns null and the offending escape (relative to <paramref name="body"/>).</summary>
    public static string? Decode(string body, out string? badEscape)
    {
        var sb = new StringBuilder(body.Length);
        badEscape = null;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (!TryDecodeEscape(body, ref i, sb, out var bad))
            {
                badEscape ??= bad;
            }
        }

        return badEscape is null ? sb.ToString() : null;
    }

    /// <summary>Decodes a <c>like</c> pattern into its literal segments (one wildcard between consecutive segments).</summary>
    public static List<string>? DecodePattern(string body, out string? badEscape)
    {
        var segments = new List<string>();
        var sb = new StringBuilder(body.Length);
        badEscape = null;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '*')
            {
                segments.Add(sb.ToString());
                sb.Clear();
                continue;
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (i + 1 < body.Length && body[i + 1] == '*')
            {
                sb.Append('*');
                i++;
                continue;
            }

            // Cedar unescapes first and then looks for stars, so `\u{2A}` and `\x2A` are wildcards; only `\*` is a literal star.
            var before = sb.Length;
            if (!TryDecodeEscape(body, ref i, sb, out var bad))
            {
                badEscape ??= bad;
            }
            else if (sb.Length == before + 1 && sb[before] == '*')
            {
                sb.Length = before;
                segments.Add(sb.ToString());
                sb.Clear();
            }
        }

        segments.Add(sb.ToString());
        return badEscape is null ? segments : null;
    }

    // i is at the backslash; on return it is at the last character of the escape.
    private static bool TryDecodeEscape(string body, ref int i, StringBuilder sb, out string bad)
    {
        bad = "";
        if (i + 1 >= body.Length)
        {
            bad = "\\";
            return false;
        }

        var e = body[i + 1];
        switch (e)
        {
            case 'n': sb.Append('\n'); i++; return true;
            case 'r': sb.Append('\r'); i++; return true;
            case 't': sb.Append('\t'); i++; return true;
            case '\\': sb.Append('\\'); i++; return true;
            case '0': sb.Append('\0'); i++; return true;
            case '\'': sb.Append('\''); i++; return true;
            case '"': sb.Append('"'); i++; return true;
            case 'x':
                {
                    if (i + 3 < body.Length + 0 && IsHex(body[i + 2]) && IsHex(body[i + 3]))
                    {
                        var v = int.Parse(body.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        if (v <= 0x7F)
                        {
                            sb.Append((char)v);
                            i += 3;
                            return true;
                        }
                    }

                    bad = body.Substring(i, Math.Min(4, body.Length - i));
                    i = Math.Min(i + 3, body.Length - 1);
                    return false;
                }

            case 'u':
                {
                    var j = i + 2;
                    if (j < body.Length && body[j] == '{')
                    {
                        var k = j + 1;
                        while (k < body.Length && IsHex(body[k]) && k - j <= 6)
                        {
                            k++;
                        }

                        var digits = k - j - 1;
                        if (digits is >= 1 and <= 6 && k < body.Length && body[k] == '}')
                        {
                            var v = int.Parse(body.AsSpan(j + 1, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                            if (v <= 0x10FFFF && v is < 0xD800 or > 0xDFFF)
                            {
                                sb.Append(char.ConvertFromUtf32(v));
                                i = k;
                                return true;
                            }

                            bad = body.Substring(i, k - i + 1);
                            i = k;
                            return false;
                        }
                    }

                    // Quote the whole `\u{...}` when it is closed, as Cedar does; otherwise just `\u` and what follows.
                    var end = j < body.Length && body[j] == '{' ? body.IndexOf('}', j) : -1;
                    var length = end >= 0 ? end - i + 1 : Math.Min(3, body.Length - i);
                    bad = body.Substring(i, length);
                    i = Math.Min(i + length - 1, body.Length - 1);
                    return false;
                }

            default:
                bad = body.Substring(i, char.IsHighSurrogate(e) && i + 2 < body.Length ? 3 : 2);
                i += bad.Length - 1;
                return false;
        }
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');
}
