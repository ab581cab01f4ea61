using System.Globalization;
using System.Text;

namespace Cedar.Formatting;

/// <summary>
/// Escapes text the way Cedar's printer does: Rust's <c>str::escape_debug</c> for string literals (a combining mark is
/// escaped only at the very start of the string) and <c>char::escape_debug</c> per character for <c>like</c> patterns.
/// </summary>
public static class CedarTextEscaper
{
    public static string EscapeString(string s) => Escape(s, pattern: false);

    /// <summary>Escapes one pattern segment; a literal <c>*</c> becomes <c>\*</c>.</summary>
    public static string EscapePatternSegment(string s) => Escape(s, pattern: true);

    private static string Escape(string s, bool pattern)
    {
        var sb = new StringBuilder(s.Length + 8);
        var first = true;
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\'': sb.Append("\\'"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                case '*' when pattern: sb.Append("\\*"); break;
                default:
                    if (!IsPrintable(rune) || ((pattern || first) && IsGraphemeExtend(rune)))
                    {
                        sb.Append("\\u{").Append(rune.Value.ToString("x", CultureInfo.InvariantCulture)).Append('}');
                    }
                    else
                    {
                        sb.Append(rune.ToString());
                    }

                    break;
            }

            first = false;
        }

        return sb.ToString();
    }

    private static bool IsGraphemeExtend(Rune r)
    {
        var cat = Rune.GetUnicodeCategory(r);
        return cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark || r.Value == 0x200C;
    }

    private static bool IsPrintable(Rune r)
    {
        if (r.Value == ' ')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(r) is not (UnicodeCategory.Control
            or UnicodeCategory.Format
            or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.PrivateUse
            or UnicodeCategory.Surrogate
            or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.SpaceSeparator);
    }
}
