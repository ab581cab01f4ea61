using System.Text;
using System.Text.RegularExpressions;
using Cedar.Ast;
using Cedar.Parsing;

namespace Cedar.Formatting;

/// <summary>
/// Cedar's canonical policy layout, as cedar-wasm's <c>formatPolicies</c> produces it: each policy laid out to the
/// line width with the given indentation, comments kept where they were attached, blank lines inside a policy dropped,
/// policies separated by one blank line, and a final newline.
/// </summary>
public static partial class PolicyFormatter
{
    public const int DefaultLineWidth = 80;
    public const int DefaultIndentWidth = 2;

    /// <summary>Formats a policy set; invalid text comes back as the parser's errors.</summary>
    public static ParseResult<string> Format(string text, int lineWidth = DefaultLineWidth, int indentWidth = DefaultIndentWidth)
    {
        var parsed = PolicyParser.ParsePolicySet(text);
        if (!parsed.Success)
        {
            return ParseResult<string>.Fail(parsed.Errors);
        }

        var tokens = FormatterTokens.Tokenize(text, out var endOfFileComments);
        var policies = tokens is null ? null : new FormatterParser(tokens).ParsePolicies();
        if (tokens is null || policies is null)
        {
            return Unformattable("the formatter could not read the policy structure");
        }

        var builder = new DocBuilder(tokens, indentWidth);
        var parts = new List<string>(policies.Count);
        foreach (var policy in policies)
        {
            var doc = builder.Policy(policy);
            if (doc is null)
            {
                return Unformattable("the formatter cannot lay out this policy (for example, more than four `!` or `-` in a row)");
            }

            parts.Add(RemoveEmptyLines(doc.Render(lineWidth)));
        }

        var sb = new StringBuilder(string.Join("\n\n", parts));
        sb.Append('\n');
        foreach (var line in endOfFileComments)
        {
            sb.Append(line).Append('\n');
        }

        return ParseResult<string>.Ok(sb.ToString());
    }

    private static ParseResult<string> Unformattable(string message) =>
        ParseResult<string>.Fail(new ParseError(ParseErrorKind.Other, SourceSpan.None, message));

    /// <summary>Drops whitespace-only lines outside comments and string literals, then trims the text.</summary>
    internal static string RemoveEmptyLines(string text)
    {
        var sb = new StringBuilder(text.Length);
        var index = 0;
        while (index < text.Length)
        {
            var comment = CommentPattern().Match(text, index);
            var str = StringPattern().Match(text, index);
            Match? m = (comment.Success, str.Success) switch
            {
                (true, true) => comment.Index <= str.Index ? comment : str,
                (true, false) => comment,
                (false, true) => str,
                _ => null,
            };
            if (m is null)
            {
                sb.Append(RemoveEmptyInteriorLines(text[index..]));
                break;
            }

            sb.Append(RemoveEmptyInteriorLines(text[index..m.Index]));
            sb.Append(m.Value);
            index = m.Index + m.Length;
        }

        return sb.ToString().Trim();
    }

    private static string RemoveEmptyInteriorLines(string s)
    {
        var sb = new StringBuilder(s.Length);
        if (s.StartsWith('\n'))
        {
            sb.Append('\n');
        }

        var start = 0;
        while (start < s.Length)
        {
            var nl = s.IndexOf('\n', start);
            var end = nl < 0 ? s.Length : nl + 1;
            var piece = s[start..end];
            if (!string.IsNullOrWhiteSpace(piece) || nl < 0)
            {
                sb.Append(piece);
            }

            start = end;
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"""(\\.|[^""\\])*""")]
    private static partial Regex StringPattern();
}
