namespace Cedar.Values;

/// <summary>An immutable Cedar record. Attributes are kept sorted by name (ordinal), as Cedar's BTreeMap keeps them.</summary>
public sealed class RecordValue : Value
{
    public static readonly RecordValue Empty = new([]);

    private readonly KeyValuePair<string, Value>[] _attrs;

    private RecordValue(KeyValuePair<string, Value>[] sortedAttrs) => _attrs = sortedAttrs;

    public IReadOnlyList<KeyValuePair<string, Value>> Attributes => _attrs;

    public int Count => _attrs.Length;

    public override ValueKind Kind => ValueKind.Record;

    public override string TypeName => "record";

    /// <summary>Builds a record; a later duplicate key replaces an earlier one (callers that must reject duplicates check first).</summary>
    public static RecordValue Of(IEnumerable<KeyValuePair<string, Value>> attrs)
    {
        var dict = new SortedDictionary<string, Value>(StringComparer.Ordinal);
        foreach (var kv in attrs)
        {
            dict[kv.Key] = kv.Value;
        }

        return dict.Count == 0 ? Empty : new RecordValue([.. dict]);
    }

    /// <summary>
    /// Builds a record from attributes whose keys the caller knows are distinct (a parsed JSON object), taking
    /// ownership of the array and sorting it in place.
    /// </summary>
    internal static RecordValue FromDistinctKeys(KeyValuePair<string, Value>[] attrs)
    {
        if (attrs.Length == 0)
        {
            return Empty;
        }

        if (attrs.Length > 16)
        {
            Array.Sort(attrs, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            return new RecordValue(attrs);
        }

        // Insertion sort: records are usually small, and it needs no comparer object.
        for (var i = 1; i < attrs.Length; i++)
        {
            var current = attrs[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(attrs[j].Key, current.Key) > 0)
            {
                attrs[j + 1] = attrs[j];
                j--;
            }

            attrs[j + 1] = current;
        }

        return new RecordValue(attrs);
    }

    public bool TryGet(string name, out Value value)
    {
        var lo = 0;
        var hi = _attrs.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = string.CompareOrdinal(_attrs[mid].Key, name);
            if (c == 0)
            {
                value = _attrs[mid].Value;
                return true;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        value = null!;
        return false;
    }

    public bool ContainsKey(string name) => TryGet(name, out _);

    public override bool Equals(Value? other)
    {
        if (other is not RecordValue r || r._attrs.Length != _attrs.Length)
        {
            return false;
        }

        for (var i = 0; i < _attrs.Length; i++)
        {
            if (!string.Equals(_attrs[i].Key, r._attrs[i].Key, StringComparison.Ordinal) || !_attrs[i].Value.Equals(r._attrs[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var kv in _attrs)
        {
            h.Add(StringComparer.Ordinal.GetHashCode(kv.Key));
            h.Add(kv.Value);
        }

        return h.ToHashCode();
    }

    public override string ToString() =>
        "{" + string.Join(", ", _attrs.Select(kv => "\"" + Ast.StringEscaper.Escape(kv.Key) + "\": " + kv.Value)) + "}";
}
