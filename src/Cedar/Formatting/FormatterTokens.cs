using System.Text;
using System.Text.RegularExpressions;

namespace Cedar.Formatting;

/// <summary>A token of the formatter's token stream, with the comments around it (each line ending in a newline).</summary>
internal sealed class FormatterToken(string text, int start, int end, bool isString)
{
    public string Text { get; } = text;

    public int Start { get; } = start;

    public int End { get; } = end;

    public bool IsString { get; } = isString;

    public string Leading { get; set; } = "";

    public string Trailing { get; set; } = "";

    public (string Leading, string Trailing) Consume()
    {
        var c = (Leading, Trailing);
        Leading = "";
        Trailing = "";
        return c;
    }

    public string ConsumeLeading()
    {
        var c = Leading;
        Leading = "";
        return c;
    }

    public override string ToString() => Text;
}

/// <summary>
/// Splits policy text into tokens and attaches comments as Cedar's formatter does: the comments in the gap between two
/// tokens up to the first newline trail the earlier token, the rest lead the later one.
/// </summary>
internal static partial class FormatterTokens
{
    public static List<FormatterToken>? Tokenize(string text, out List<string> endOfFileComments)
    {
        endOfFileComments = [];
        var tokens = new List<FormatterToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n' && text[i] != '\r')
                {
                    i++;
                }

                continue;
            }

            var start = i;
            if (c == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    i += text[i] == '\\' && i + 1 < text.Length ? 2 : 1;
                }

                if (i >= text.Length)
                {
                    return null;
                }

                i++;
                tokens.Add(new FormatterToken(text[start..i], start, i, true));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_' || (c == '?' && i + 1 < text.Length && char.IsAsciiLetter(text[i + 1])))
            {
                i++;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
            }
            else if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
            else if (i + 1 < text.Length && text.AsSpan(i, 2) is "::" or "==" or "!=" or "<=" or ">=" or "&&" or "||")
            {
                i += 2;
            }
            else
            {
                i++;
            }

            tokens.Add(new FormatterToken(text[start..i], start, i, false));
        }

        if (tokens.Count == 0)
        {
            return tokens;
        }

        if (tokens[0].Start > 0)
        {
            tokens[0].Leading += CommentsIn(text[..tokens[0].Start]);
        }

        for (var t = 0; t + 1 < tokens.Count; t++)
        {
            var current = tokens[t];
            var next = tokens[t + 1];
            if (current.End == next.Start)
            {
                continue;
            }

            var gap = text[current.End..next.Start];
            var newline = gap.IndexOf('\n');
            if (newline >= 0)
            {
                current.Trailing += CommentsIn(gap[..newline]);
                next.Leading += CommentsIn(gap[(newline + 1)..]);
            }
            else
            {
                current.Trailing += CommentsIn(gap);
            }
        }

        var last = tokens[^1];
        var rest = text[last.End..];
        var firstNewline = rest.IndexOf('\n');
        last.Trailing += CommentsIn(firstNewline >= 0 ? rest[..firstNewline] : rest);
        if (firstNewline >= 0)
        {
            foreach (Match m in CommentPattern().Matches(rest[(firstNewline + 1)..]))
            {
                endOfFileComments.Add(m.Value.TrimEnd());
            }
        }

        return tokens;
    }

    /// <summary>The <c>//</c> comments of a gap, each trimmed at the end and followed by a newline.</summary>
    private static string CommentsIn(string gap)
    {
        if (!gap.Contains("//", StringComparison.Ordinal))
        {
            return "";
        }

        var sb = new StringBuilder();
        foreach (Match m in CommentPattern().Matches(gap))
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(m.Value.TrimEnd());
        }

        return sb.Length == 0 ? "" : sb.Append('\n').ToString();
    }

    [GeneratedRegex(@"//[^\n\r]*")]
    private static partial Regex CommentPattern();
}
