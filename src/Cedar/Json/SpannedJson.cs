using System.Buffers;
using System.Globalization;
using System.Text;
using Cedar.Ast;

namespace Cedar.Json;

public enum SpannedJsonKind
{
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// <summary>
/// A JSON value that remembers where it was in the source text, keeps numbers as their exact text, and keeps object
/// members in order (duplicates are rejected by <see cref="SpannedJsonParser"/>).
/// </summary>
public sealed class SpannedJson
{
    private static readonly SpannedJson[] s_noItems = [];
    private static readonly KeyValuePair<string, SpannedJson>[] s_noMembers = [];
    private static readonly SpannedJson s_true = new(SpannedJsonKind.Bool, default, boolValue: true);
    private static readonly SpannedJson s_false = new(SpannedJsonKind.Bool, default, boolValue: false);
    private static readonly SpannedJson s_null = new(SpannedJsonKind.Null, default);

    // A number read from source text keeps only its span until someone asks for its text (Cedar reads most numbers
    // as longs straight from the source).
    private readonly string? _source;
    private string? _text;

    internal SpannedJson(SpannedJsonKind kind, SourceSpan span, string? text = null, bool boolValue = false,
        SpannedJson[]? items = null, KeyValuePair<string, SpannedJson>[]? members = null)
    {
        Kind = kind;
        Span = span;
        _text = text;
        BoolValue = boolValue;
        ItemArray = items ?? s_noItems;
        MemberArray = members ?? s_noMembers;
    }

    private SpannedJson(string source, SourceSpan span)
    {
        Kind = SpannedJsonKind.Number;
        Span = span;
        _source = source;
        ItemArray = s_noItems;
        MemberArray = s_noMembers;
    }

    /// <summary>A string built by a host from another representation (no source text, so an empty span).</summary>
    public static SpannedJson FromString(string value) => new(SpannedJsonKind.String, default, value);

    /// <summary>A number from its JSON literal text, which the caller has already checked is a JSON number.</summary>
    public static SpannedJson FromNumberLiteral(string literal) => new(SpannedJsonKind.Number, default, literal);

    public static SpannedJson FromBool(bool value) => value ? s_true : s_false;

    public static SpannedJson FromNull() => s_null;

    public static SpannedJson FromArray(SpannedJson[] items) => new(SpannedJsonKind.Array, default, items: items);

    /// <summary>An object; like the parser, it refuses duplicate keys (a host must report them before building).</summary>
    public static SpannedJson FromMembers(KeyValuePair<string, SpannedJson>[] members)
    {
        for (var i = 1; i < members.Length; i++)
        {
            if (SpannedJsonParser.IndexOfKey(members, 0, i, members[i].Key) >= 0)
            {
                throw new ArgumentException($"duplicate key `{members[i].Key}`", nameof(members));
            }

            if (i == SpannedJsonParser.LinearKeyScanLimit && members.Length > i + 1)
            {
                var keys = new HashSet<string>(members.Length, StringComparer.Ordinal);
                foreach (var member in members)
                {
                    if (!keys.Add(member.Key))
                    {
                        throw new ArgumentException($"duplicate key `{member.Key}`", nameof(members));
                    }
                }

                break;
            }
        }

        return new(SpannedJsonKind.Object, default, members: members);
    }

    internal static SpannedJson NumberInSource(string source, SourceSpan span) => new(source, span);

    public SpannedJsonKind Kind { get; }

    public SourceSpan Span { get; }

    /// <summary>The string's value, or a number's literal text.</summary>
    public string? Text => _text ?? (_source is null ? null : _text = _source.Substring(Span.Start, Span.Length));

    public bool BoolValue { get; }

    public IReadOnlyList<SpannedJson> Items => ItemArray;

    public IReadOnlyList<KeyValuePair<string, SpannedJson>> Members => MemberArray;

    /// <summary>The items themselves, so Cedar's readers iterate without an interface enumerator.</summary>
    internal SpannedJson[] ItemArray { get; }

    internal KeyValuePair<string, SpannedJson>[] MemberArray { get; }

    public SpannedJson? Get(string key)
    {
        foreach (var m in MemberArray)
        {
            if (string.Equals(m.Key, key, StringComparison.Ordinal))
            {
                return m.Value;
            }
        }

        return null;
    }

    /// <summary>The value of an integer literal that fits in 64 bits; false for fractions, exponents and overflow.</summary>
    public bool TryGetInt64(out long value)
    {
        if (Kind != SpannedJsonKind.Number)
        {
            value = 0;
            return false;
        }

        var digits = _text is not null ? _text.AsSpan() : _source.AsSpan(Span.Start, Span.Length);
        return TryParseInteger(digits, out value);
    }

    public string Describe() => Kind switch
    {
        SpannedJsonKind.Null => "null",
        SpannedJsonKind.Bool => BoolValue ? "true" : "false",
        SpannedJsonKind.Number => Text!,
        SpannedJsonKind.String => "\"" + Text + "\"",
        SpannedJsonKind.Array => "an array",
        _ => "an object",
    };

    // An optional sign and decimal digits, within the 64-bit range: what long.TryParse with AllowLeadingSign accepts
    // of a JSON number literal, without its culture lookups.
    private static bool TryParseInteger(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        var negative = false;
        var i = 0;
        if (text.Length > 0 && text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            i = 1;
        }

        if (i == text.Length)
        {
            return false;
        }

        // Accumulate as a negative number, whose range includes long.MinValue.
        long acc = 0;
        for (; i < text.Length; i++)
        {
            var d = text[i] - '0';
            if ((uint)d > 9 || acc < (long.MinValue + d) / 10)
            {
                return false;
            }

            acc = (acc * 10) - d;
        }

        if (!negative)
        {
            if (acc == long.MinValue)
            {
                return false;
            }

            acc = -acc;
        }

        value = acc;
        return true;
    }
}

/// <summary>A strict JSON (RFC 8259) reader producing <see cref="SpannedJson"/>; duplicate keys and deep nesting are errors.</summary>
public sealed class SpannedJsonParser
{
    public const int MaxDepth = 128;

    // Objects with up to this many members find duplicate keys by a scan of the keys before; larger ones use a set.
    internal const int LinearKeyScanLimit = 8;

    // What ends a run of plain characters in a string: the closing quote, an escape, or a control character.
    private static readonly SearchValues<char> s_stringSpecials = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private readonly string _text;
    private int _pos;
    private int _depth;

    internal static SearchValues<char> StringSpecials => s_stringSpecials;

    // Buffers kept per thread between parses, unless a parse grew them past this length.
    private const int MaxKeptBuffer = 256;

    [ThreadStatic]
    private static (KeyValuePair<string, SpannedJson>[] Members, SpannedJson[] Items)? t_buffers;

    // Members and items of the objects and arrays being read, stacked: each container copies its own range out when
    // it closes, so a parse allocates exact-size arrays and no list per container.
    private KeyValuePair<string, SpannedJson>[] _memberStack;
    private int _memberCount;
    private SpannedJson[] _itemStack;
    private int _itemCount;

    private SpannedJsonParser(string text)
    {
        _text = text;

        // Taken from the thread for the length of one parse (a nested parse on the same thread would make its own).
        (_memberStack, _itemStack) = t_buffers ?? (new KeyValuePair<string, SpannedJson>[16], new SpannedJson[16]);
        t_buffers = null;
    }

    public static bool TryParse(string text, out SpannedJson? value, out string? error, out SourceSpan errorSpan)
    {
        var p = new SpannedJsonParser(text);
        try
        {
            return p.TryParseAll(out value, out error, out errorSpan);
        }
        finally
        {
            p.ReturnBuffers();
        }
    }

    private bool TryParseAll(out SpannedJson? value, out string? error, out SourceSpan errorSpan)
    {
        try
        {
            SkipWhitespace();
            value = ParseValue();
            SkipWhitespace();
            if (_pos < _text.Length)
            {
                throw new FormatException("trailing characters after the JSON value");
            }

            error = null;
            errorSpan = default;
            return true;
        }
        catch (FormatException e)
        {
            value = null;
            error = e.Message;
            errorSpan = new SourceSpan(Math.Min(_pos, _text.Length), 0);
            return false;
        }
    }

    // Containers that closed cleared their ranges; a parse that failed may leave the open ones' entries behind.
    private void ReturnBuffers()
    {
        _memberStack.AsSpan(0, _memberCount).Clear();
        _itemStack.AsSpan(0, _itemCount).Clear();
        if (_memberStack.Length <= MaxKeptBuffer && _itemStack.Length <= MaxKeptBuffer)
        {
            t_buffers = (_memberStack, _itemStack);
        }
    }

    internal static int IndexOfKey(KeyValuePair<string, SpannedJson>[] members, int start, int end, string key)
    {
        for (var i = start; i < end; i++)
        {
            if (string.Equals(members[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private SpannedJson ParseValue()
    {
        if (_pos >= _text.Length)
        {
            throw new FormatException("unexpected end of JSON input");
        }

        var start = _pos;
        switch (_text[_pos])
        {
            case '{':
                return ParseObject();
            case '[':
                return ParseArray();
            case '"':
                var s = ParseString();
                return new SpannedJson(SpannedJsonKind.String, new SourceSpan(start, _pos - start), s);
            case 't':
                Expect("true");
                return new SpannedJson(SpannedJsonKind.Bool, new SourceSpan(start, 4), boolValue: true);
            case 'f':
                Expect("false");
                return new SpannedJson(SpannedJsonKind.Bool, new SourceSpan(start, 5), boolValue: false);
            case 'n':
                Expect("null");
                return new SpannedJson(SpannedJsonKind.Null, new SourceSpan(start, 4));
            default:
                return ParseNumber();
        }
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw new FormatException($"JSON nesting is deeper than {MaxDepth} levels");
        }
    }

    private SpannedJson ParseObject()
    {
        var start = _pos++;
        Enter();
        var first = _memberCount;
        HashSet<string>? seen = null;
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
        }
        else
        {
            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw new FormatException("expected a string key");
                }

                var keyStart = _pos;
                var key = ParseString();
                if (IsDuplicateKey(first, key, ref seen))
                {
                    _pos = keyStart;
                    throw new FormatException($"duplicate key `{key}` in JSON object");
                }

                SkipWhitespace();
                if (Peek() != ':')
                {
                    throw new FormatException("expected `:`");
                }

                _pos++;
                SkipWhitespace();
                var value = ParseValue();
                if (_memberCount == _memberStack.Length)
                {
                    Array.Resize(ref _memberStack, _memberStack.Length * 2);
                }

                _memberStack[_memberCount++] = new KeyValuePair<string, SpannedJson>(key, value);
                SkipWhitespace();
                var c = Peek();
                _pos++;
                if (c == '}')
                {
                    break;
                }

                if (c != ',')
                {
                    _pos--;
                    throw new FormatException("expected `,` or `}`");
                }
            }
        }

        _depth--;
        var members = _memberStack.AsSpan(first, _memberCount - first).ToArray();
        _memberStack.AsSpan(first, _memberCount - first).Clear();
        _memberCount = first;
        return new SpannedJson(SpannedJsonKind.Object, new SourceSpan(start, _pos - start), members: members);
    }

    private bool IsDuplicateKey(int first, string key, ref HashSet<string>? seen)
    {
        var count = _memberCount - first;
        if (seen is null && count < LinearKeyScanLimit)
        {
            return IndexOfKey(_memberStack, first, _memberCount, key) >= 0;
        }

        if (seen is null)
        {
            seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = first; i < _memberCount; i++)
            {
                seen.Add(_memberStack[i].Key);
            }
        }

        return !seen.Add(key);
    }

    private SpannedJson ParseArray()
    {
        var start = _pos++;
        Enter();
        var first = _itemCount;
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
        }
        else
        {
            while (true)
            {
                SkipWhitespace();
                var item = ParseValue();
                if (_itemCount == _itemStack.Length)
                {
                    Array.Resize(ref _itemStack, _itemStack.Length * 2);
                }

                _itemStack[_itemCount++] = item;
                SkipWhitespace();
                var c = Peek();
                _pos++;
                if (c == ']')
                {
                    break;
                }

                if (c != ',')
                {
                    _pos--;
                    throw new FormatException("expected `,` or `]`");
                }
            }
        }

        _depth--;
        var items = _itemStack.AsSpan(first, _itemCount - first).ToArray();
        _itemStack.AsSpan(first, _itemCount - first).Clear();
        _itemCount = first;
        return new SpannedJson(SpannedJsonKind.Array, new SourceSpan(start, _pos - start), items: items);
    }

    private string ParseString()
    {
        _pos++;
        var runStart = _pos;
        var run = _text.AsSpan(_pos).IndexOfAny(s_stringSpecials);
        if (run >= 0 && _text[_pos + run] == '"')
        {
            _pos += run + 1;
            return ShortStrings.Get(_text.AsSpan(runStart, run));
        }

        StringBuilder? sb = null;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new FormatException("unterminated string");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                string result;
                if (sb is null)
                {
                    result = _text.Substring(runStart, _pos - runStart);
                }
                else
                {
                    sb.Append(_text, runStart, _pos - runStart);
                    result = sb.ToString();
                }

                _pos++;
                return result;
            }

            if (c < 0x20)
            {
                throw new FormatException("control character in string");
            }

            if (c != '\\')
            {
                _pos++;
                continue;
            }

            sb ??= new StringBuilder();
            sb.Append(_text, runStart, _pos - runStart);
            _pos++;
            var e = Peek();
            _pos++;
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length ||
                        !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new FormatException("invalid \\u escape");
                    }

                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    _pos--;
                    throw new FormatException("invalid escape in string");
            }

            runStart = _pos;
        }
    }

    private SpannedJson ParseNumber()
    {
        var start = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        var digitsStart = _pos;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }

        if (_pos == digitsStart || (_text[digitsStart] == '0' && _pos - digitsStart > 1))
        {
            _pos = start;
            throw new FormatException("invalid JSON value");
        }

        if (Peek() == '.')
        {
            _pos++;
            var fracStart = _pos;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }

            if (_pos == fracStart)
            {
                throw new FormatException("invalid number");
            }
        }

        if (Peek() is 'e' or 'E')
        {
            _pos++;
            if (Peek() is '+' or '-')
            {
                _pos++;
            }

            var expStart = _pos;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }

            if (_pos == expStart)
            {
                throw new FormatException("invalid number");
            }
        }

        return SpannedJson.NumberInSource(_text, new SourceSpan(start, _pos - start));
    }

    private void Expect(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
        {
            throw new FormatException("invalid JSON value");
        }

        _pos += word.Length;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r')
        {
            _pos++;
        }
    }
}
