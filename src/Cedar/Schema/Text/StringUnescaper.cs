using System.Globalization;
using System.Text;

namespace Cedar.Schema.Text;

/// <summary>Decodes the body of a Cedar string literal (the escapes Cedar accepts: \n \r \t \\ \0 \' \" \xHH \u{H..}).</summary>
internal static class StringUnescaper
{
    /// <summary>Returns the decoded text, or null with a message when an escape is invalid.</summary>
    public static string? Unescape(string body, out string? error)
    {
        error = null;
        if (!body.Contains('\\'))
        {
            return body;
        }

        var sb = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (i + 1 >= body.Length)
            {
                error = "invalid escape at end of string";
                return null;
            }

            var e = body[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case '\\': sb.Append('\\'); break;
                case '0': sb.Append('\0'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case 'x':
                    if (i + 2 < body.Length + 0 && IsHex(body[i + 1]) && i + 2 < body.Length && IsHex(body[i + 2]))
                    {
                        var v = int.Parse(body.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        if (v > 0x7f)
                        {
                            error = $"invalid escape `\\x{body.Substring(i + 1, 2)}`";
                            return null;
                        }

                        sb.Append((char)v);
                        i += 2;
                        break;
                    }

                    error = "invalid `\\x` escape";
                    return null;
                case 'u':
                    {
                        if (i + 1 >= body.Length || body[i + 1] != '{')
                        {
                            error = "invalid `\\u` escape";
                            return null;
                        }

                        var close = body.IndexOf('}', i + 2);
                        var digits = close < 0 ? "" : body[(i + 2)..close];
                        if (digits.Length is 0 or > 6 || !digits.All(IsHex))
                        {
                            error = "invalid `\\u` escape";
                            return null;
                        }

                        var cp = int.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        if (cp > 0x10FFFF || cp is >= 0xD800 and <= 0xDFFF)
                        {
                            error = $"invalid unicode escape `\\u{{{digits}}}`";
                            return null;
                        }

                        sb.Append(char.ConvertFromUtf32(cp));
                        i = close;
                        break;
                    }

                default:
                    error = $"invalid escape `\\{e}`";
                    return null;
            }
        }

        return sb.ToString();
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
