namespace Cedar.Values;

/// <summary>An immutable Cedar set. Elements are distinct; order is insertion order and has no meaning.</summary>
public sealed class SetValue : Value
{
    public static readonly SetValue Empty = new([], null);

    private readonly Value[] _items;
    private HashSet<Value>? _lookup;

    private SetValue(Value[] items, HashSet<Value>? lookup)
    {
        _items = items;
        _lookup = lookup;
    }

    public IReadOnlyList<Value> Items => _items;

    public int Count => _items.Length;

    public override ValueKind Kind => ValueKind.Set;

    public override string TypeName => "set";

    /// <summary>Builds a set, dropping duplicates.</summary>
    public static SetValue Of(IEnumerable<Value> values)
    {
        if (values is ICollection<Value> { Count: <= 8 } small)
        {
            // A copy, since FromArray reuses the array it is given.
            var copy = new Value[small.Count];
            small.CopyTo(copy, 0);
            return FromArray(copy);
        }

        var seen = new HashSet<Value>();
        var list = new List<Value>();
        foreach (var v in values)
        {
            if (seen.Add(v))
            {
                list.Add(v);
            }
        }

        return list.Count == 0 ? Empty : new SetValue([.. list], list.Count > 8 ? seen : null);
    }

    /// <summary>Builds a set from an array the caller hands over, dropping duplicates (small sets without hashing).</summary>
    internal static SetValue FromArray(Value[] values)
    {
        if (values.Length > 8)
        {
            return Of(values);
        }

        var count = 0;
        foreach (var v in values)
        {
            var seen = false;
            for (var i = 0; i < count; i++)
            {
                if (values[i].Equals(v))
                {
                    seen = true;
                    break;
                }
            }

            if (!seen)
            {
                values[count++] = v;
            }
        }

        return count == 0 ? Empty : new SetValue(count == values.Length ? values : values[..count], null);
    }

    public bool Contains(Value v)
    {
        if (_items.Length <= 8)
        {
            foreach (var item in _items)
            {
                if (item.Equals(v))
                {
                    return true;
                }
            }

            return false;
        }

        _lookup ??= [.. _items];
        return _lookup.Contains(v);
    }

    public bool ContainsAll(SetValue other)
    {
        foreach (var v in other._items)
        {
            if (!Contains(v))
            {
                return false;
            }
        }

        return true;
    }

    public bool ContainsAny(SetValue other)
    {
        foreach (var v in other._items)
        {
            if (Contains(v))
            {
                return true;
            }
        }

        return false;
    }

    public override bool Equals(Value? other) =>
        other is SetValue s && (ReferenceEquals(s, this) || (s.Count == Count && ContainsAll(s)));

    public override int GetHashCode()
    {
        // Order-independent, so equal sets hash equally.
        var h = 0;
        foreach (var v in _items)
        {
            h ^= v.GetHashCode();
        }

        return HashCode.Combine(h, _items.Length);
    }

    public override string ToString() => "[" + string.Join(", ", _items.Select(v => v.ToString())) + "]";
}
