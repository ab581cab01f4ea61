using System.Globalization;
using System.Text;

namespace Cedar.Formatting;

/// <summary>
/// The column width of text as the Rust <c>unicode-width</c> crate counts it (Cedar's formatter measures lines this way):
/// combining marks, format and control characters take no columns, East Asian wide characters take two.
/// </summary>
internal static class DisplayWidth
{
    public static int Of(string text)
    {
        var width = 0;
        foreach (var c in text)
        {
            if (c >= 0x20 && c < 0x7f)
            {
                width++;
                continue;
            }

            return OfSlow(text);
        }

        return width;
    }

    private static int OfSlow(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += Of(rune);
        }

        return width;
    }

    private static int Of(Rune r)
    {
        var v = r.Value;
        if (v == 0xAD)
        {
            return 1;
        }

        var category = Rune.GetUnicodeCategory(r);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format or UnicodeCategory.Control ||
            v is >= 0x1160 and <= 0x11FF)
        {
            return 0;
        }

        return IsWide(v) ? 2 : 1;
    }

    private static bool IsWide(int v) =>
        v is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF) or (>= 0x3400 and <= 0x4DBF)
            or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x1F300 and <= 0x1F64F)
            or (>= 0x1F900 and <= 0x1F9FF) or (>= 0x20000 and <= 0x3FFFD);
}
