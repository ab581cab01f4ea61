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

    internal SpannedJson(SpannedJsonKind kind, SourceSpan span, string? text = null, bool boolValue = false,
        SpannedJson[]? items = null, KeyValuePair<string, SpannedJson>[]? members = null)
    {
        Kind = kind;
        Span = span;
        Text = text;
        BoolValue = boolValue;
        Items = items ?? s_noItems;
        Members = members ?? s_noMembers;
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
        if (members.Length > 16)
        {
            var keys = new HashSet<string>(members.Length, StringComparer.Ordinal);
            foreach (var member in members)
            {
                if (!keys.Add(member.Key))
                {
                    throw new ArgumentException($"duplicate key `{member.Key}`", nameof(members));
                }
            }
        }
        else
        {
            // Small objects (nearly all of them) are checked without building a set.
            for (var i = 1; i < members.Length; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(members[i].Key, members[j].Key, StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"duplicate key `{members[i].Key}`", nameof(members));
                    }
                }
            }
        }

        return new(SpannedJsonKind.Object, default, members: members);
    }

    public SpannedJsonKind Kind { get; }

    public SourceSpan Span { get; }

    /// <summary>The string's value, or a number's literal text.</summary>
    public string? Text { get; }

    public bool BoolValue { get; }

    public IReadOnlyList<SpannedJson> Items { get; }

    public IReadOnlyList<KeyValuePair<string, SpannedJson>> Members { get; }

    public SpannedJson? Get(string key)
    {
        foreach (var m in Members)
        {
            if (string.Equals(m.Key, key, StringComparison.Ordinal))
            {
                return m.Value;
            }
        }

        return null;
    }

    /// <summary>The value of an integer literal that fits in 64 bits; false for fractions, exponents and overflow.</summary>
    public bool TryGetInt64(out long value) =>
        long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && Kind == SpannedJsonKind.Number;

    public string Describe() => Kind switch
    {
        SpannedJsonKind.Null => "null",
        SpannedJsonKind.Bool => BoolValue ? "true" : "false",
        SpannedJsonKind.Number => Text!,
        SpannedJsonKind.String => "\"" + Text + "\"",
        SpannedJsonKind.Array => "an array",
        _ => "an object",
    };
}

/// <summary>A strict JSON (RFC 8259) reader producing <see cref="SpannedJson"/>; duplicate keys and deep nesting are errors.</summary>
public sealed class SpannedJsonParser
{
    public const int MaxDepth = 128;

    private readonly string _text;
    private int _pos;
    private int _depth;

    private SpannedJsonParser(string text) => _text = text;

    public static bool TryParse(string text, out SpannedJson? value, out string? error, out SourceSpan errorSpan)
    {
        var p = new SpannedJsonParser(text);
        try
        {
            p.SkipWhitespace();
            value = p.ParseValue();
            p.SkipWhitespace();
            if (p._pos < text.Length)
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
            errorSpan = new SourceSpan(Math.Min(p._pos, text.Length), 0);
            return false;
        }
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
        var members = new List<KeyValuePair<string, SpannedJson>>();
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
                seen ??= new HashSet<string>(StringComparer.Ordinal);
                if (!seen.Add(key))
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
                members.Add(new KeyValuePair<string, SpannedJson>(key, ParseValue()));
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
        return new SpannedJson(SpannedJsonKind.Object, new SourceSpan(start, _pos - start), members: [.. members]);
    }

    private SpannedJson ParseArray()
    {
        var start = _pos++;
        Enter();
        var items = new List<SpannedJson>();
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
                items.Add(ParseValue());
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
        return new SpannedJson(SpannedJsonKind.Array, new SourceSpan(start, _pos - start), items: [.. items]);
    }

    private string ParseString()
    {
        _pos++;
        StringBuilder? sb = null;
        var runStart = _pos;
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

        return new SpannedJson(SpannedJsonKind.Number, new SourceSpan(start, _pos - start), _text.Substring(start, _pos - start));
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
