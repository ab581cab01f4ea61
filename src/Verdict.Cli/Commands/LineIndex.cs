namespace Verdict.Cli.Commands;

/// <summary>Line starts of a text, so that many offsets can be turned into line:column without rescanning the text each time.</summary>
internal sealed class LineIndex
{
    private readonly List<int> _lineStarts = [0];

    public LineIndex(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>1-based line and column, counted as <see cref="Cedar.Ast.LineColumn.Of"/> counts them (UTF-16 units).</summary>
    public (int Line, int Column) Locate(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }
}
