using System.Text;

namespace Cedar.Formatting;

/// <summary>
/// A Wadler-style layout document, rendered as the Rust <c>pretty</c> crate renders one (Cedar's formatter uses it):
/// a group is laid out flat when its flat form, plus whatever follows up to the next possible line break, fits the width.
/// </summary>
internal abstract class Doc
{
    public static readonly Doc Nil = new TextDoc("");

    /// <summary>A space when flat, a newline when broken.</summary>
    public static readonly Doc Line = new AltDoc(HardlineDoc.Instance, new TextDoc(" "));

    /// <summary>Nothing when flat, a newline when broken.</summary>
    public static readonly Doc LineBreak = new AltDoc(HardlineDoc.Instance, Nil);

    public static readonly Doc Hardline = HardlineDoc.Instance;

    public static readonly Doc Space = new TextDoc(" ");

    public static Doc Text(string s) => s.Length == 0 ? Nil : new TextDoc(s);

    public static Doc Concat(params Doc[] parts) => new ConcatDoc(parts);

    // Empty documents vanish, as in the pretty crate; this matters because a line break takes the indentation of the
    // next pending piece, and an empty nested piece must not count as one.
    public Doc Append(Doc other) => IsNil ? other : other.IsNil ? this : new ConcatDoc([this, other]);

    public Doc Nest(int indent) => IsNil ? this : new NestDoc(indent, this);

    public Doc Group() => IsNil ? this : new GroupDoc(this);

    private bool IsNil => this is TextDoc { Content.Length: 0 };

    public string Render(int width)
    {
        var renderer = new Renderer(width);
        renderer.Run(this);
        return renderer.Output.ToString();
    }

    internal sealed class TextDoc(string content) : Doc
    {
        public string Content { get; } = content;
    }

    internal sealed class HardlineDoc : Doc
    {
        public static readonly HardlineDoc Instance = new();
    }

    internal sealed class AltDoc(Doc broken, Doc flat) : Doc
    {
        public Doc Broken { get; } = broken;

        public Doc Flat { get; } = flat;
    }

    internal sealed class ConcatDoc(Doc[] parts) : Doc
    {
        public Doc[] Parts { get; } = parts;
    }

    internal sealed class NestDoc(int indent, Doc inner) : Doc
    {
        public int Indent { get; } = indent;

        public Doc Inner { get; } = inner;
    }

    internal sealed class GroupDoc(Doc inner) : Doc
    {
        public Doc Inner { get; } = inner;
    }

    private sealed class Renderer(int width)
    {
        private readonly List<(int Indent, bool Flat, Doc Doc)> _commands = [];
        private readonly Stack<Doc> _fitStack = new();
        private int _column;

        public StringBuilder Output { get; } = new();

        public void Run(Doc root)
        {
            _commands.Add((0, false, root));
            while (_commands.Count > 0)
            {
                var (indent, flat, doc) = _commands[^1];
                _commands.RemoveAt(_commands.Count - 1);
                switch (doc)
                {
                    case TextDoc t:
                        Output.Append(t.Content);
                        _column += DisplayWidth.Of(t.Content);
                        break;
                    case HardlineDoc:
                        // Like the pretty crate: the new line takes the indentation of what comes next, when there is something.
                        var nextIndent = _commands.Count > 0 ? _commands[^1].Indent : indent;
                        Output.Append('\n').Append(' ', nextIndent);
                        _column = nextIndent;
                        break;
                    case AltDoc a:
                        _commands.Add((indent, flat, flat ? a.Flat : a.Broken));
                        break;
                    case ConcatDoc c:
                        for (var i = c.Parts.Length - 1; i >= 0; i--)
                        {
                            _commands.Add((indent, flat, c.Parts[i]));
                        }

                        break;
                    case NestDoc n:
                        _commands.Add((indent + n.Indent, flat, n.Inner));
                        break;
                    case GroupDoc g:
                        _commands.Add((indent, flat || Fits(g.Inner), g.Inner));
                        break;
                }
            }
        }

        /// <summary>
        /// Whether <paramref name="next"/> laid out flat, followed by the pending commands laid out broken, reaches a
        /// line break before passing the width.
        /// </summary>
        private bool Fits(Doc next)
        {
            var column = _column;
            var pending = _commands.Count;
            var flat = true;
            _fitStack.Clear();
            _fitStack.Push(next);
            while (true)
            {
                Doc doc;
                if (_fitStack.Count > 0)
                {
                    doc = _fitStack.Pop();
                }
                else if (pending > 0)
                {
                    pending--;
                    flat = false;
                    doc = _commands[pending].Doc;
                }
                else
                {
                    return true;
                }

                switch (doc)
                {
                    case TextDoc t:
                        column += DisplayWidth.Of(t.Content);
                        if (column > width)
                        {
                            return false;
                        }

                        break;
                    case HardlineDoc:
                        return !flat;
                    case AltDoc a:
                        _fitStack.Push(flat ? a.Flat : a.Broken);
                        break;
                    case ConcatDoc c:
                        for (var i = c.Parts.Length - 1; i >= 0; i--)
                        {
                            _fitStack.Push(c.Parts[i]);
                        }

                        break;
                    case NestDoc n:
                        _fitStack.Push(n.Inner);
                        break;
                    case GroupDoc g:
                        _fitStack.Push(g.Inner);
                        break;
                }
            }
        }
    }
}
