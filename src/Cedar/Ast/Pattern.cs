using System.Text;

namespace Cedar.Ast;

/// <summary>
/// A <c>like</c> pattern: literal text split by wildcards. <c>a*b*</c> is the segments <c>["a", "b", ""]</c>.
/// Matching is over Unicode scalar values, as in Cedar.
/// </summary>
public sealed class Pattern
{
    public Pattern(IReadOnlyList<string> segments)
    {
        if (segments.Count == 0)
        {
            throw new ArgumentException("a pattern has at least one segment", nameof(segments));
        }

        Segments = segments;
    }

    /// <summary>Literal segments; there is one wildcard between each consecutive pair.</summary>
    public IReadOnlyList<string> Segments { get; }

    public bool Matches(string input)
    {
        if (Segments.Count == 1)
        {
            return string.Equals(input, Segments[0], StringComparison.Ordinal);
        }

        var first = Segments[0];
        var last = Segments[^1];
        if (input.Length < first.Length + last.Length ||
            !input.AsSpan().StartsWith(first, StringComparison.Ordinal) ||
            !input.AsSpan().EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        var pos = first.Length;
        var end = input.Length - last.Length;
        for (var i = 1; i < Segments.Count - 1; i++)
        {
            var seg = Segments[i];
            if (seg.Length == 0)
            {
                continue;
            }

            var idx = input.AsSpan(pos, end - pos).IndexOf(seg, StringComparison.Ordinal);
            if (idx < 0)
            {
                return false;
            }

            pos += idx + seg.Length;
        }

        return true;
    }

    /// <summary>The pattern as written inside the quotes of a <c>like</c>, with <c>*</c> in literals escaped.</summary>
    public string ToSourceText()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < Segments.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('*');
            }

            sb.Append(StringEscaper.Escape(Segments[i]).Replace("*", "\\*", StringComparison.Ordinal));
        }

        return sb.ToString();
    }

    public override string ToString() => ToSourceText();
}
