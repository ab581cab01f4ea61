using Cedar.Ast;
using Cedar.Entities;
using Cedar.Extensions;
using Cedar.Values;

namespace Cedar.Json;

/// <summary>
/// Reads entity and context JSON text straight into Cedar values, without a <see cref="SpannedJson"/> tree, for the
/// inputs met in practice when there is no schema: strict JSON, strings without escapes, integer numbers, entity
/// uids as <c>{"type","id"}</c> (or wrapped in <c>__entity</c>), <c>__extn</c> with a string argument.
/// </summary>
/// <remarks>
/// It gives up (returns false) on anything else and on every error, and the caller then reads the text the careful
/// way (<see cref="SpannedJsonParser"/> and <see cref="CedarValueJson"/>), which accepts the same inputs and reports
/// each error with its message and span. So this reader only has to be right when it succeeds: it must never accept
/// what the careful way rejects, and must build the same values.
/// </remarks>
internal ref struct DirectEntityReader
{
    // Below SpannedJsonParser.MaxDepth, so deep input is always left to the parser (which reports it).
    private const int MaxDepth = 64;

    // Buffers kept per thread between reads, unless a read grew them past this length.
    private const int MaxKeptBuffer = 256;

    [ThreadStatic]
    private static Buffers? t_buffers;

    private readonly string _text;
    private int _pos;
    private int _depth;

    // Attributes and set elements of the records and sets being read, stacked as in SpannedJsonParser.
    private KeyValuePair<string, Value>[] _attrStack;
    private int _attrCount;
    private Value[] _itemStack;
    private int _itemCount;
    private EntityUid[] _parents;
    private readonly Buffers _buffers;

    private DirectEntityReader(string text)
    {
        _text = text;

        // Taken from the thread for the length of one read (a nested read on the same thread would make its own).
        _buffers = t_buffers ?? new Buffers();
        t_buffers = null;
        _attrStack = _buffers.Attributes;
        _itemStack = _buffers.Items;
        _parents = _buffers.Parents;
    }

    public static bool TryReadEntities(string text, out EntityStore store)
    {
        var reader = new DirectEntityReader(text);
        try
        {
            return reader.ReadEntities(out store);
        }
        finally
        {
            reader.ReturnBuffers();
        }
    }

    public static bool TryReadContext(string text, out RecordValue context)
    {
        var reader = new DirectEntityReader(text);
        try
        {
            reader.SkipWhitespace();
            if (!reader.ReadRecord(out context))
            {
                return false;
            }

            reader.SkipWhitespace();
            return reader._pos == text.Length;
        }
        finally
        {
            reader.ReturnBuffers();
        }
    }

    // Containers that closed cleared their ranges; a read that gave up may leave the open ones' entries behind.
    private readonly void ReturnBuffers()
    {
        _attrStack.AsSpan(0, _attrCount).Clear();
        _itemStack.AsSpan(0, _itemCount).Clear();
        _parents.AsSpan().Clear();
        if (_attrStack.Length <= MaxKeptBuffer && _itemStack.Length <= MaxKeptBuffer && _parents.Length <= MaxKeptBuffer)
        {
            _buffers.Attributes = _attrStack;
            _buffers.Items = _itemStack;
            _buffers.Parents = _parents;
            t_buffers = _buffers;
        }
    }

    private bool ReadEntities(out EntityStore store)
    {
        store = null!;
        SkipWhitespace();
        if (!Take('['))
        {
            return false;
        }

        var byUid = new Dictionary<EntityUid, Entity>(8);
        SkipWhitespace();
        if (!Take(']'))
        {
            while (true)
            {
                SkipWhitespace();
                if (!ReadEntity(out var entity) || !byUid.TryAdd(entity.Uid, entity))
                {
                    return false;
                }

                if (!EndOfMember(']', out var closed))
                {
                    return false;
                }

                if (closed)
                {
                    break;
                }
            }
        }

        SkipWhitespace();
        if (_pos != _text.Length)
        {
            return false;
        }

        var result = EntityStore.FromMap(byUid);
        foreach (var uid in byUid.Keys)
        {
            if (result.IsAncestor(uid, uid))
            {
                return false;
            }
        }

        store = result;
        return true;
    }

    private bool ReadEntity(out Entity entity)
    {
        entity = null!;
        EntityUid? uid = null;
        RecordValue? attrs = null;
        EntityUid[]? parents = null;
        if (!Take('{'))
        {
            return false;
        }

        SkipWhitespace();
        if (Take('}'))
        {
            return false;
        }

        while (true)
        {
            SkipWhitespace();
            if (!ReadKey(out var key))
            {
                return false;
            }

            if (key.SequenceEqual("uid") && uid is null)
            {
                if (!ReadUid(out uid))
                {
                    return false;
                }
            }
            else if (key.SequenceEqual("attrs") && attrs is null)
            {
                if (!ReadRecord(out attrs))
                {
                    return false;
                }
            }
            else if (key.SequenceEqual("parents") && parents is null)
            {
                if (!ReadParents(out parents))
                {
                    return false;
                }
            }
            else
            {
                // Tags, unknown fields and duplicate keys are left to the careful reader.
                return false;
            }

            if (!EndOfMember('}', out var closed))
            {
                return false;
            }

            if (closed)
            {
                break;
            }
        }

        if (uid is null || attrs is null || parents is null)
        {
            return false;
        }

        entity = new Entity(uid, attrs.Count == 0 ? null : new RecordAttributeMap(attrs), parents);
        return true;
    }

    private bool ReadParents(out EntityUid[] parents)
    {
        parents = [];
        if (!Take('['))
        {
            return false;
        }

        SkipWhitespace();
        if (Take(']'))
        {
            return true;
        }

        var count = 0;
        while (true)
        {
            SkipWhitespace();
            if (!ReadUid(out var parent))
            {
                return false;
            }

            if (count == _parents.Length)
            {
                Array.Resize(ref _parents, _parents.Length * 2);
            }

            _parents[count++] = parent;
            if (!EndOfMember(']', out var closed))
            {
                return false;
            }

            if (closed)
            {
                break;
            }
        }

        parents = _parents.AsSpan(0, count).ToArray();
        _parents.AsSpan(0, count).Clear();
        return true;
    }

    /// <summary><c>{"type": T, "id": I}</c> in either order, or that object as the only member of <c>{"__entity": …}</c>.</summary>
    private bool ReadUid(out EntityUid uid)
    {
        uid = null!;
        var start = _pos;
        if (!Take('{'))
        {
            return false;
        }

        SkipWhitespace();
        if (!ReadKey(out var key))
        {
            return false;
        }

        if (!key.SequenceEqual("__entity"))
        {
            _pos = start;
            return ReadTypeAndId(out uid);
        }

        SkipWhitespace();
        if (!ReadTypeAndId(out uid))
        {
            return false;
        }

        SkipWhitespace();
        return Take('}');
    }

    private bool ReadTypeAndId(out EntityUid uid)
    {
        uid = null!;
        if (!ReadStringPair("type", "id", out var type, out var id))
        {
            return false;
        }

        if (type is null || id is null || !CedarNames.TryGetName(type, out var name))
        {
            return false;
        }

        uid = new EntityUid(name, id);
        return true;
    }

    /// <summary>A record's members (attrs, context, or a record value once escapes are ruled out).</summary>
    private bool ReadRecord(out RecordValue record)
    {
        record = RecordValue.Empty;
        if (!Take('{') || !Enter())
        {
            return false;
        }

        var first = _attrCount;
        HashSet<string>? seen = null;
        SkipWhitespace();
        if (!Take('}'))
        {
            while (true)
            {
                SkipWhitespace();
                if (!ReadKey(out var keyChars))
                {
                    return false;
                }

                var key = ShortStrings.Get(keyChars);
                if (IsDuplicateKey(first, key, ref seen))
                {
                    return false;
                }

                SkipWhitespace();
                if (!ReadValue(out var value))
                {
                    return false;
                }

                if (_attrCount == _attrStack.Length)
                {
                    Array.Resize(ref _attrStack, _attrStack.Length * 2);
                }

                _attrStack[_attrCount++] = new KeyValuePair<string, Value>(key, value);
                if (!EndOfMember('}', out var closed))
                {
                    return false;
                }

                if (closed)
                {
                    break;
                }
            }
        }

        _depth--;
        if (_attrCount > first)
        {
            var attrs = _attrStack.AsSpan(first, _attrCount - first);
            record = RecordValue.FromDistinctKeys(attrs.ToArray());
            attrs.Clear();
            _attrCount = first;
        }

        return true;
    }

    private readonly bool IsDuplicateKey(int first, string key, ref HashSet<string>? seen)
    {
        if (seen is null && _attrCount - first < SpannedJsonParser.LinearKeyScanLimit)
        {
            for (var i = first; i < _attrCount; i++)
            {
                if (string.Equals(_attrStack[i].Key, key, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        if (seen is null)
        {
            seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = first; i < _attrCount; i++)
            {
                seen.Add(_attrStack[i].Key);
            }
        }

        return !seen.Add(key);
    }

    private bool ReadValue(out Value value)
    {
        value = null!;
        if (_pos >= _text.Length)
        {
            return false;
        }

        switch (_text[_pos])
        {
            case '"':
                if (!ReadString(out var s))
                {
                    return false;
                }

                value = Value.String(s);
                return true;
            case '{':
                return ReadObjectValue(out value);
            case '[':
                return ReadSet(out value);
            case 't' when string.CompareOrdinal(_text, _pos, "true", 0, 4) == 0:
                _pos += 4;
                value = BoolValue.True;
                return true;
            case 'f' when string.CompareOrdinal(_text, _pos, "false", 0, 5) == 0:
                _pos += 5;
                value = BoolValue.False;
                return true;
            case '-':
            case >= '0' and <= '9':
                if (!ReadLong(out var l))
                {
                    return false;
                }

                value = Value.Long(l);
                return true;
            default:
                return false;
        }
    }

    // An object that is a value: an `__entity` or `__extn` escape when that is its only member, else a record.
    private bool ReadObjectValue(out Value value)
    {
        value = null!;
        var start = _pos++;
        SkipWhitespace();
        if (_pos < _text.Length && _text[_pos] == '"')
        {
            if (!ReadKey(out var key))
            {
                return false;
            }

            if (key.StartsWith("__"))
            {
                if (key.SequenceEqual("__entity"))
                {
                    _pos = start;
                    if (!ReadUid(out var uid))
                    {
                        return false;
                    }

                    value = new EntityValue(uid);
                    return true;
                }

                if (key.SequenceEqual("__extn"))
                {
                    SkipWhitespace();
                    if (!ReadExtension(out value))
                    {
                        return false;
                    }

                    SkipWhitespace();
                    return Take('}');
                }

                // `__expr` and other keys starting with `__`: left to the careful reader.
                return false;
            }
        }

        _pos = start;
        if (!ReadRecord(out var record))
        {
            return false;
        }

        value = record;
        return true;
    }

    /// <summary>An object of exactly two string members, in either order (an entity uid, an extension call).</summary>
    private bool ReadStringPair(string firstKey, string secondKey, out string? first, out string? second)
    {
        first = null;
        second = null;
        if (!Take('{'))
        {
            return false;
        }

        while (true)
        {
            SkipWhitespace();
            if (!ReadKey(out var key))
            {
                return false;
            }

            SkipWhitespace();
            if (key.SequenceEqual(firstKey) && first is null)
            {
                if (!ReadString(out first))
                {
                    return false;
                }
            }
            else if (key.SequenceEqual(secondKey) && second is null)
            {
                if (!ReadString(out second))
                {
                    return false;
                }
            }
            else
            {
                return false;
            }

            if (!EndOfMember('}', out var closed))
            {
                return false;
            }

            if (closed)
            {
                return true;
            }
        }
    }

    /// <summary><c>{"fn": F, "arg": "A"}</c> in either order: a constructor call on a string.</summary>
    private bool ReadExtension(out Value value)
    {
        value = null!;
        if (!ReadStringPair("fn", "arg", out var fn, out var arg))
        {
            return false;
        }

        if (fn is null || arg is null || !ExtensionFunctions.TryConstruct(fn, arg, out var extension, out _))
        {
            return false;
        }

        value = extension;
        return true;
    }

    private bool ReadSet(out Value value)
    {
        value = null!;
        _pos++;
        if (!Enter())
        {
            return false;
        }

        var first = _itemCount;
        SkipWhitespace();
        if (!Take(']'))
        {
            while (true)
            {
                SkipWhitespace();
                if (!ReadValue(out var item))
                {
                    return false;
                }

                if (_itemCount == _itemStack.Length)
                {
                    Array.Resize(ref _itemStack, _itemStack.Length * 2);
                }

                _itemStack[_itemCount++] = item;
                if (!EndOfMember(']', out var closed))
                {
                    return false;
                }

                if (closed)
                {
                    break;
                }
            }
        }

        _depth--;
        var items = _itemStack.AsSpan(first, _itemCount - first);
        value = items.Length == 0 ? SetValue.Empty : SetValue.FromArray(items.ToArray());
        items.Clear();
        _itemCount = first;
        return true;
    }

    // A JSON number that is an integer (no fraction or exponent) within 64 bits; JSON forbids leading zeros.
    private bool ReadLong(out long value)
    {
        value = 0;
        var negative = _pos < _text.Length && _text[_pos] == '-';
        var i = negative ? _pos + 1 : _pos;
        var digitsStart = i;
        long acc = 0;
        for (; i < _text.Length; i++)
        {
            var d = _text[i] - '0';
            if ((uint)d > 9)
            {
                break;
            }

            if (acc < (long.MinValue + d) / 10)
            {
                return false;
            }

            acc = (acc * 10) - d;
        }

        var digits = i - digitsStart;
        if (digits == 0 || (digits > 1 && _text[digitsStart] == '0') ||
            (i < _text.Length && _text[i] is '.' or 'e' or 'E') ||
            (!negative && acc == long.MinValue))
        {
            return false;
        }

        value = negative ? acc : -acc;
        _pos = i;
        return true;
    }

    /// <summary>A key, its colon and the whitespace after it; false for keys with escapes (left to the careful reader).</summary>
    private bool ReadKey(out ReadOnlySpan<char> key)
    {
        if (!ReadStringChars(out key))
        {
            return false;
        }

        SkipWhitespace();
        if (!Take(':'))
        {
            return false;
        }

        SkipWhitespace();
        return true;
    }

    private bool ReadString(out string value)
    {
        if (!ReadStringChars(out var chars))
        {
            value = null!;
            return false;
        }

        value = ShortStrings.Get(chars);
        return true;
    }

    private bool ReadStringChars(out ReadOnlySpan<char> chars)
    {
        chars = default;
        if (_pos >= _text.Length || _text[_pos] != '"')
        {
            return false;
        }

        var run = _text.AsSpan(_pos + 1).IndexOfAny(SpannedJsonParser.StringSpecials);
        if (run < 0 || _text[_pos + 1 + run] != '"')
        {
            return false;
        }

        chars = _text.AsSpan(_pos + 1, run);
        _pos += run + 2;
        return true;
    }

    /// <summary>After a member or item: <c>,</c> (more follow) or the closing bracket.</summary>
    private bool EndOfMember(char close, out bool closed)
    {
        SkipWhitespace();
        closed = Take(close);
        return closed || Take(',');
    }

    private bool Enter() => ++_depth <= MaxDepth;

    private bool Take(char c)
    {
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r')
        {
            _pos++;
        }
    }

    private sealed class Buffers
    {
        public KeyValuePair<string, Value>[] Attributes { get; set; } = new KeyValuePair<string, Value>[16];

        public Value[] Items { get; set; } = new Value[8];

        public EntityUid[] Parents { get; set; } = new EntityUid[8];
    }
}
