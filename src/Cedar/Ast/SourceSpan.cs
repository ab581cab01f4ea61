namespace Cedar.Ast;

/// <summary>A range of the source text, in UTF-16 code units from the start of the text.</summary>
public readonly record struct SourceSpan(int Start, int Length)
{
    public static readonly SourceSpan None = new(0, 0);

    public int End => Start + Length;

    public static SourceSpan Between(SourceSpan first, SourceSpan last) => new(first.Start, Math.Max(0, last.End - first.Start));
}

/// <summary>A 1-based line and column, computed from a <see cref="SourceSpan"/> when an error is shown.</summary>
public readonly record struct LineColumn(int Line, int Column)
{
    public static LineColumn Of(string text, int offset)
    {
        var line = 1;
        var col = 1;
        var end = Math.Min(offset, text.Length);
        for (var i = 0; i < end; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                col = 1;
            }
            else
            {
                col++;
            }
        }

        return new LineColumn(line, col);
    }

    public override string ToString() => $"{Line}:{Column}";
}
